import { rooms } from '../../lib/realtime/rooms';
import type { RaisedHand } from '../../lib/contracts/hands';
import { handOf, handQueue, lowerHand, raiseHand } from '../../lib/db/queries/engage';
import { livePerson } from '../../lib/db/queries/media';
import { can } from '../../lib/domain/permissions';
import { DomainError } from '../../lib/errors';
import { clusterMedia, liveRoomsOfSession, livePeersOfSession } from '../sfu/rooms';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { setOnStage } from './media';

/**
 * The raised-hands queue. A hand is a row in the database (raised_hands), so
 * hall phones that never join the call raise hands too, and the order of
 * raising survives reconnects and restarts. The call's own hand flag
 * (`media:raise-hand`, `handRaised` on a media peer) goes through here as well:
 * one mechanism, two ways in.
 */

async function queueOf(sessionId: string): Promise<RaisedHand[]> {
  const [rows, inCall] = await Promise.all([handQueue(sessionId), livePeersOfSession(sessionId)]);
  // "In call" on any node: a person's media may be hosted by another node than the one answering.
  const live = new Map<string, boolean>();
  for (const p of inCall) live.set(p.userId, (live.get(p.userId) ?? false) || p.onStage);
  const stage = await Promise.all(rows.map((h) => (live.has(h.userId) ? live.get(h.userId)! : livePerson(sessionId, h.userId).then((p) => p.onStage))));
  return rows.map((h, i) => ({ userId: h.userId, name: h.name, raisedAt: h.raisedAt.toISOString(), inCall: live.has(h.userId), onStage: stage[i]! }));
}

async function announceQueue(io: BalaiServer, sessionId: string): Promise<void> {
  io.to(rooms.hands.queue(sessionId)).emit('hand:queue', { sessionId, queue: await queueOf(sessionId) });
}

/** Raises or lowers a hand and tells everyone who shows it: the person's tabs, the call, the queue. */
export async function setHand(io: BalaiServer, sessionId: string, userId: string, raised: boolean): Promise<string | null> {
  const raisedAt = raised ? (await raiseHand(sessionId, userId)).toISOString() : null;
  if (!raised) await lowerHand(sessionId, userId);
  showHandOnPeers(sessionId, userId, raised);
  // The person's call tabs may be on other nodes (a phone raises the hand through one, the laptop calls through another).
  clusterMedia()
    ?.bus.broadcast('hand:changed', { sessionId, userId, raised })
    .catch((err: unknown) => console.error('[cluster] could not tell the other nodes about a hand', err));
  io.to(rooms.user(userId)).emit('hand:mine', { sessionId, raisedAt });
  await announceQueue(io, sessionId);
  return raisedAt;
}

/** The hand flag on this node's media peers of the person (their tiles in the call). */
export function showHandOnPeers(sessionId: string, userId: string, raised: boolean): void {
  for (const r of liveRoomsOfSession(sessionId)) {
    for (const p of r.peers.values()) {
      if (p.userId !== userId || p.handRaised === raised) continue;
      p.handRaised = raised;
      r.peerUpdated(p);
    }
  }
}

/** A peer joining the call shows the hand its person already raised (from a phone, or before a reconnect). */
export async function handRaisedNow(sessionId: string, userId: string): Promise<boolean> {
  return (await handOf(sessionId, userId)) !== null;
}

handle('hand:join', { scope: 'session', action: 'hand:raise' }, async (caller, { sessionId }) => {
  const { socket, actor } = caller;
  const { role } = actor;
  const mine = await handOf(sessionId, caller.userId);
  const view = can({ role }, 'hand:view-queue');
  await socket.join(rooms.user(caller.userId));
  if (view) await socket.join(rooms.hands.queue(sessionId));
  return { sessionId, mine: mine?.toISOString() ?? null, queue: view ? await queueOf(sessionId) : null, can: { manage: can({ role }, 'hand:manage') } };
});

handle('hand:raise', { scope: 'session', action: 'hand:raise' }, async (caller, { sessionId, raised }) => {
  const { io } = caller;
  return { raisedAt: await setHand(io, sessionId, caller.userId, raised) };
});

handle('hand:lower', { scope: 'session', action: 'hand:manage' }, async (caller, { sessionId, userId }) => {
  const { io } = caller;
  if (!(await handOf(sessionId, userId))) throw new DomainError('not_found', 'engage.notInQueue');
  await setHand(io, sessionId, userId, false);
  return {};
});

handle('hand:invite', { scope: 'session', action: 'hand:manage' }, async (caller, { sessionId, userId }) => {
  const { io } = caller;
  if (!(await handOf(sessionId, userId))) throw new DomainError('not_found', 'engage.notInQueue');
  // The same invitation as the call's own "invite to stage" (media:set-stage): stored, then every live peer re-reads its rights.
  await setOnStage(io, sessionId, userId, true);
  io.to(rooms.user(userId)).emit('hand:invited', { sessionId });
  await setHand(io, sessionId, userId, false);
  return {};
});
