import type { types } from 'mediasoup';
import { DomainError, notFound } from '../../lib/errors';
import type { LiveRoom } from '../sfu/live-room';
import { oneWayReceivers, type OneWayReceiver } from './one-way-receivers';
import type { InterpretationChannel } from './channel';

/**
 * Hall phones receiving an interpretation channel. A receiver is not a peer of
 * the live room: it has one receiving transport on the room's first router
 * (where the channels live) and at most one consumer, the channel it chose. So
 * a hall full of phones adds no tiles, no floor audio and no video.
 */
export type Receiver = OneWayReceiver;

const receivers = oneWayReceivers<Receiver>('receiver');

export const openReceiver = (socketId: string, room: LiveRoom, onClosed: () => void): Promise<Receiver> => receivers.open(socketId, room, {}, onClosed);
export const receiverOf = receivers.of;
export const closeReceiver = receivers.close;

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
