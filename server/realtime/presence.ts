import { rooms } from '../../lib/realtime/rooms';
import { intern } from '../../lib/realtime/intern';
import type { Peer } from '../../lib/contracts/presence';
import { requirePastLobby } from '../../lib/services/session-access';
import { ENTRY } from './pipeline';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { attendanceJoined, attendanceLeft } from './attendance';
import { openPresence } from '../../lib/db/queries/presence';
import { closeInterval } from '../../lib/services/attendance-tracking';
import { nodeOf, type DeadNodeHandler } from '../cluster/node-registry';

/** Every node's answer to a presence query is awaited this long; one that does not answer (dead, cut off) must not fail the request. */
export const PRESENCE_QUERY_TIMEOUT_MS = 1500;

/**
 * Who is in a session is read from the sockets in its room (fetchSockets works
 * across processes with the Redis adapter), so there is no second copy of
 * presence to drift. A person with two tabs is one peer. When some node does
 * not answer in time, this node's sockets plus the database's open attendance
 * intervals stand in (server/realtime/node-reaper.ts closes a dead node's).
 */
export async function peersIn(io: BalaiServer, sessionId: string): Promise<Peer[]> {
  const byUser = new Map<string, Peer>();
  try {
    const sockets = await io.in(rooms.session(sessionId)).timeout(PRESENCE_QUERY_TIMEOUT_MS).fetchSockets();
    for (const s of sockets) if (s.data.peer && s.data.sessionId === sessionId) byUser.set(s.data.peer.userId, s.data.peer);
  } catch (err) {
    console.warn(`[presence] a node did not answer for session ${sessionId}; using the database's view`, err instanceof Error ? err.message : err);
    const local = await io.local.in(rooms.session(sessionId)).fetchSockets();
    for (const p of await openPresence(sessionId, local.map((s) => s.id))) byUser.set(p.userId, p);
    for (const s of local) if (s.data.peer && s.data.sessionId === sessionId) byUser.set(s.data.peer.userId, s.data.peer);
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function stillPresent(io: BalaiServer, sessionId: string, userId: string): Promise<boolean> {
  return (await peersIn(io, sessionId)).some((p) => p.userId === userId);
}

export async function leaveSession(io: BalaiServer, socket: BalaiSocket, reason: 'leave' | 'disconnect' = 'leave'): Promise<void> {
  const { sessionId, userId } = socket.data;
  if (!sessionId) return;
  attendanceLeft(socket, reason);
  nodeOf(io)?.release(socket.id);
  socket.data.sessionId = undefined;
  socket.data.peer = undefined;
  await socket.leave(rooms.session(sessionId));
  if (!(await stillPresent(io, sessionId, userId))) {
    io.to(rooms.session(sessionId)).emit('presence:left', { sessionId, userId });
  }
}

// Defined once for the process (handle): per-socket closures weigh on every idle connection.
handle('presence:join', ENTRY, async (caller, { sessionId }) => {
  const { io, socket } = caller;
  const member = caller.actor;
  await requirePastLobby(sessionId, caller.userId, member.role);
  if (socket.data.sessionId && socket.data.sessionId !== sessionId) await leaveSession(io, socket);

  const alreadyHere = await stillPresent(io, sessionId, caller.userId);
  const peer: Peer = {
    userId: caller.userId,
    name: caller.name,
    role: member.role,
    attendanceMode: member.attendanceMode,
    country: member.country,
    organisation: member.organisation,
  };
  // The shared copies: every socket in the session keeps these for as long as it stays.
  socket.data.sessionId = intern(sessionId);
  socket.data.peer = peer;
  await socket.join([rooms.session(sessionId), rooms.user(caller.userId)]);
  attendanceJoined(socket, member.eventId, sessionId);
  nodeOf(io)?.hold(socket.id, sessionId, caller.userId);
  if (!alreadyHere) socket.to(rooms.session(sessionId)).emit('presence:joined', { sessionId, peer });
  return { sessionId, peers: await peersIn(io, sessionId) };
});

handle('presence:leave', { scope: 'self' }, async ({ io, socket }, { sessionId }) => {
  if (socket.data.sessionId === sessionId) await leaveSession(io, socket);
  return {};
});

/** What a person's socket needs beyond the shared handlers: leaving its session when it goes. */
export function registerPresence(socket: BalaiSocket): void {
  socket.on('disconnect', leaveOnDisconnect);
}
// One function for every socket (Socket.IO calls it with the socket as `this`): no closure kept per connection.
function leaveOnDisconnect(this: BalaiSocket): void {
  leaveSession(this.nsp.server, this, 'disconnect').catch((err: unknown) => console.error('[presence] leave on disconnect failed', err));
}

/**
 * After a node died: its sockets' attendance intervals close, and everyone
 * still connected hears `presence:left` for each person who is now nowhere
 * (a person with a tab on a live node stays).
 */
export function presenceAfterDeadNode(io: BalaiServer): DeadNodeHandler {
  return async (_nodeId, held) => {
    const at = new Date();
    for (const h of held) await closeInterval(h.socketId, 'stale', at);
    const gone = new Map<string, Set<string>>();
    for (const h of held) gone.set(h.sessionId, (gone.get(h.sessionId) ?? new Set()).add(h.userId));
    for (const [sessionId, userIds] of gone) {
      for (const userId of userIds) {
        if (!(await stillPresent(io, sessionId, userId))) io.to(rooms.session(sessionId)).emit('presence:left', { sessionId, userId });
      }
    }
  };
}
