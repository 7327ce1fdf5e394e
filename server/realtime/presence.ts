import type { Peer } from '../../lib/contracts/presence';
import { findMembership, findSession } from '../../lib/db/queries/programme';
import { can } from '../../lib/domain/permissions';
import { forbidden, notFound } from '../../lib/errors';
import { rooms } from '../../lib/services/broadcast';
import { on, type BalaiServer, type BalaiSocket } from './handler';
import { attendanceJoined, attendanceLeft } from './attendance';

/**
 * Who is in a session is read from the sockets in its room (fetchSockets works
 * across processes with the Redis adapter), so there is no second copy of
 * presence to drift. A person with two tabs is one peer.
 */
async function peersIn(io: BalaiServer, sessionId: string): Promise<Peer[]> {
  const sockets = await io.in(rooms.session(sessionId)).fetchSockets();
  const byUser = new Map<string, Peer>();
  for (const s of sockets) if (s.data.peer && s.data.sessionId === sessionId) byUser.set(s.data.peer.userId, s.data.peer);
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function stillPresent(io: BalaiServer, sessionId: string, userId: string): Promise<boolean> {
  return (await peersIn(io, sessionId)).some((p) => p.userId === userId);
}

export async function leaveSession(io: BalaiServer, socket: BalaiSocket, reason: 'leave' | 'disconnect' = 'leave'): Promise<void> {
  const { sessionId, userId } = socket.data;
  if (!sessionId) return;
  attendanceLeft(socket, reason);
  socket.data.sessionId = undefined;
  socket.data.peer = undefined;
  await socket.leave(rooms.session(sessionId));
  if (!(await stillPresent(io, sessionId, userId))) {
    io.to(rooms.session(sessionId)).emit('presence:left', { sessionId, userId });
  }
}

export function registerPresence(io: BalaiServer, socket: BalaiSocket): void {
  on(io, socket, 'presence:join', async (caller, { sessionId }) => {
    const found = await findSession(sessionId);
    if (!found) throw notFound('session');
    const member = await findMembership(found.event.id, caller.userId);
    if (!member || !can({ role: member.role }, 'session:join')) throw forbidden('general.notMember');
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
    socket.data.sessionId = sessionId;
    socket.data.peer = peer;
    await socket.join([rooms.session(sessionId), rooms.event(found.event.id), rooms.user(caller.userId)]);
    attendanceJoined(socket, found.event.id, sessionId);
    if (!alreadyHere) socket.to(rooms.session(sessionId)).emit('presence:joined', { sessionId, peer });
    return { sessionId, peers: await peersIn(io, sessionId) };
  });

  on(io, socket, 'presence:leave', async (_caller, { sessionId }) => {
    if (socket.data.sessionId === sessionId) await leaveSession(io, socket);
    return {};
  });

  socket.on('disconnect', () => {
    leaveSession(io, socket, 'disconnect').catch((err: unknown) => console.error('[presence] leave on disconnect failed', err));
  });
}
