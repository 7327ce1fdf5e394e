import type { types } from 'mediasoup';
import { sessionLanguagesOf } from '../../lib/db/queries/interpretation';
import { DomainError, notFound } from '../../lib/errors';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { oneWayReceivers, type OneWayReceiver } from './one-way-receivers';

/**
 * Projectors (display links) showing the session's sign-language interpreter.
 * A display link has no account and must see public content only, so it is
 * never a peer of the room: it gets one receiving transport on the main
 * room's first router and at most one consumer, the signer's camera. Nothing
 * else of the room (names, other cameras, audio) can be consumed through it.
 */
export interface SignReceiver extends OneWayReceiver {
  sessionId: string;
}

const receivers = oneWayReceivers<SignReceiver>('signDisplay');

export const openSignReceiver = (socketId: string, sessionId: string, room: LiveRoom, onClosed: () => void): Promise<SignReceiver> =>
  receivers.open(socketId, room, { sessionId }, onClosed);
export const signReceiverOf = receivers.of;

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

export const closeSignReceiver = receivers.close;
/** For tests: the projectors receiving in one live room. */
export const signReceiversOf = receivers.in;
