import type { types } from 'mediasoup';
import { DomainError, notFound } from '../../lib/errors';
import type { LiveRoom } from '../sfu/live-room';
import { webRtcTransportOptions } from '../sfu/config';
import type { InterpretationChannel } from './channel';

/**
 * Hall phones receiving an interpretation channel. A receiver is not a peer of
 * the live room: it has one receiving transport on the room's first router
 * (where the channels live) and at most one consumer, the channel it chose. So
 * a hall full of phones adds no tiles, no floor audio and no video.
 */
export interface Receiver {
  socketId: string;
  room: LiveRoom;
  transport: types.WebRtcTransport;
  consumer: types.Consumer | null;
}

const KEY = Symbol.for('balai.interpretation.receivers');
const receivers: Map<string, Receiver> = ((globalThis as { [KEY]?: Map<string, Receiver> })[KEY] ??= new Map());


export async function openReceiver(socketId: string, room: LiveRoom, onClosed: () => void): Promise<Receiver> {
  closeReceiver(socketId);
  const server = (room.router.appData as { webRtcServer?: types.WebRtcServer }).webRtcServer;
  const transport = await room.router.createWebRtcTransport({ ...webRtcTransportOptions(server), appData: { direction: 'recv', receiver: socketId } });
  const receiver: Receiver = { socketId, room, transport, consumer: null };
  receivers.set(socketId, receiver);
  transport.observer.once('close', () => {
    if (receivers.get(socketId) !== receiver) return;
    receivers.delete(socketId);
    onClosed();
  });
  return receiver;
}

export function receiverOf(socketId: string): Receiver {
  const r = receivers.get(socketId);
  if (!r || r.transport.closed) throw new DomainError('conflict', 'language.notLive');
  return r;
}

/** Swaps the receiver's consumer for one of `channel` (or none). */
export async function receive(receiver: Receiver, channel: InterpretationChannel | null, rtpCapabilities: types.RtpCapabilities): Promise<types.Consumer | null> {
  receiver.consumer?.close();
  receiver.consumer = null;
  if (!channel) return null;
  if (channel.room !== receiver.room) throw notFound('channel');
  if (!receiver.room.router.canConsume({ producerId: channel.producer.id, rtpCapabilities })) throw new DomainError('conflict', 'media.cannotDecode');
  const consumer = await receiver.transport.consume({ producerId: channel.producer.id, rtpCapabilities, appData: { source: 'interpretation', language: channel.language } });
  receiver.consumer = consumer;
  return consumer;
}

export function closeReceiver(socketId: string): void {
  const r = receivers.get(socketId);
  if (!r) return;
  receivers.delete(socketId);
  r.transport.close();
}

/** For tests and the people count: receivers of one live room. */
export function receiversOf(room: LiveRoom): Receiver[] {
  return [...receivers.values()].filter((r) => r.room === room);
}
