import type { types } from 'mediasoup';
import { sessionLanguagesOf } from '../../lib/db/queries/interpretation';
import { DomainError, notFound } from '../../lib/errors';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { webRtcTransportOptions } from '../sfu/config';

/**
 * Projectors (display links) showing the session's sign-language interpreter.
 * A display link has no account and must see public content only, so it is
 * never a peer of the room: it gets one receiving transport on the main
 * room's first router and at most one consumer, the signer's camera. Nothing
 * else of the room (names, other cameras, audio) can be consumed through it.
 */
export interface SignReceiver {
  socketId: string;
  sessionId: string;
  room: LiveRoom;
  transport: types.WebRtcTransport;
  consumer: types.Consumer | null;
}

const KEY = Symbol.for('balai.interpretation.sign-receivers');
const receivers: Map<string, SignReceiver> = ((globalThis as { [KEY]?: Map<string, SignReceiver> })[KEY] ??= new Map());


export async function openSignReceiver(socketId: string, sessionId: string, room: LiveRoom, onClosed: () => void): Promise<SignReceiver> {
  closeSignReceiver(socketId);
  const server = (room.router.appData as { webRtcServer?: types.WebRtcServer }).webRtcServer;
  const transport = await room.router.createWebRtcTransport({ ...webRtcTransportOptions(server), appData: { direction: 'recv', signDisplay: socketId } });
  const receiver: SignReceiver = { socketId, sessionId, room, transport, consumer: null };
  receivers.set(socketId, receiver);
  transport.observer.once('close', () => {
    if (receivers.get(socketId) !== receiver) return;
    receivers.delete(socketId);
    onClosed();
  });
  return receiver;
}

export function signReceiverOf(socketId: string): SignReceiver {
  const r = receivers.get(socketId);
  if (!r || r.transport.closed) throw new DomainError('conflict', 'language.notLive');
  return r;
}

/** The signer's camera in this room, if they are here with it on (their first tab with a camera). */
export async function signerCamera(room: LiveRoom): Promise<{ peer: LivePeer; producer: types.Producer } | null> {
  const signerId = (await sessionLanguagesOf(room.sessionId))?.signInterpreterId ?? null;
  if (!signerId) return null;
  for (const peer of room.peers.values()) {
    if (peer.userId !== signerId) continue;
    for (const { producer, source } of peer.producers.values()) if (source === 'camera' && !producer.closed) return { peer, producer };
  }
  return null;
}

/**
 * Swaps the receiver's consumer for one of the signer's camera (paused until
 * the browser resumes it); `onGone` runs when that camera stops.
 */
export async function watchSigner(receiver: SignReceiver, rtpCapabilities: types.RtpCapabilities, onGone: () => void) {
  receiver.consumer?.close();
  receiver.consumer = null;
  const found = await signerCamera(receiver.room);
  if (!found || receiver.transport.closed) return null;
  const { room } = receiver;
  await room.bringProducerTo(found.producer.id, room.router);
  if (!room.router.canConsume({ producerId: found.producer.id, rtpCapabilities })) throw new DomainError('conflict', 'media.cannotDecode');
  const consumer = await receiver.transport.consume({ producerId: found.producer.id, rtpCapabilities, paused: true, appData: { source: 'sign-language' } });
  receiver.consumer = consumer;
  consumer.observer.once('close', () => {
    if (receiver.consumer === consumer) receiver.consumer = null;
  });
  consumer.on('producerclose', onGone);
  return { name: found.peer.name, consumer };
}

export async function resumeSigner(receiver: SignReceiver, consumerId: string): Promise<void> {
  const consumer = receiver.consumer;
  if (!consumer || consumer.id !== consumerId || consumer.closed) throw notFound('consumer');
  await consumer.resume();
  await consumer.requestKeyFrame();
}

export function closeSignReceiver(socketId: string): void {
  const r = receivers.get(socketId);
  if (!r) return;
  receivers.delete(socketId);
  r.transport.close();
}

/** For tests: the projectors receiving in one live room. */
export function signReceiversOf(room: LiveRoom): SignReceiver[] {
  return [...receivers.values()].filter((r) => r.room === room);
}
