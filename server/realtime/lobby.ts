import { rooms } from '../../lib/realtime/rooms';
import type { LobbyEntry, LobbyState } from '../../lib/contracts/lobby';
import { admitPresent, decideLobby, enterLobby, lobbyEnabled, lobbyEntry, setLobbyEnabled, waitingList } from '../../lib/db/queries/engage';
import { can } from '../../lib/domain/permissions';
import { DomainError } from '../../lib/errors';
import { handle, type BalaiServer } from './handler';
import { peersIn } from './presence';

/**
 * A session's waiting room. The switch and every decision are rows in the
 * database; the gate itself is `requirePastLobby` (lib/services/session-access),
 * which presence and media join through. This file only moves people between
 * waiting, admitted and denied, and tells the people concerned.
 */

async function waiting(sessionId: string): Promise<LobbyEntry[]> {
  return (await waitingList(sessionId)).map((w) => ({ userId: w.userId, name: w.name, requestedAt: w.requestedAt.toISOString() }));
}

async function announceWaiting(io: BalaiServer, sessionId: string): Promise<void> {
  io.to(rooms.lobby.staff(sessionId)).emit('lobby:waiting', { sessionId, waiting: await waiting(sessionId) });
}

handle('lobby:join', { scope: 'session', action: 'session:join' }, async (caller, { sessionId }): Promise<LobbyState> => {
  const { io, socket } = caller;
  const { role } = caller.actor;
  const enabled = await lobbyEnabled(sessionId);
  const manage = can({ role }, 'lobby:manage');
  const bypass = can({ role }, 'lobby:bypass');
  let me: LobbyState['me'] = { standing: 'open', message: '' };
  if (enabled && !bypass) {
    const had = await lobbyEntry(sessionId, caller.userId);
    if (!had) {
      await enterLobby(sessionId, caller.userId);
      await announceWaiting(io, sessionId);
    }
    const entry = had ?? { status: 'waiting' as const, message: '' };
    me = { standing: entry.status, message: entry.status === 'denied' ? entry.message : '' };
  }
  await socket.join([rooms.lobby.everyone(sessionId), rooms.user(caller.userId), ...(manage ? [rooms.lobby.staff(sessionId)] : [])]);
  return { sessionId, enabled, me, waiting: manage ? await waiting(sessionId) : null, can: { manage } };
});

handle('lobby:set', { scope: 'session', action: 'lobby:manage' }, async (caller, { sessionId, enabled }) => {
  const { io } = caller;
  if (enabled) {
    // Whoever is already in the session stays in: the lobby is for those who come next.
    // Read like presence (bounded, with the database's view when a node does not answer): nobody present is locked out.
    const present = await peersIn(io, sessionId);
    await admitPresent(sessionId, [...new Set(present.map((p) => p.userId))], caller.userId);
  }
  await setLobbyEnabled(sessionId, enabled);
  io.to([rooms.lobby.everyone(sessionId), rooms.session(sessionId)]).emit('lobby:changed', { sessionId, enabled });
  await announceWaiting(io, sessionId);
  return { enabled };
});

handle('lobby:admit', { scope: 'session', action: 'lobby:manage' }, async (caller, { sessionId, userIds }) => {
  const { io } = caller;
  const admitted = await decideLobby(sessionId, userIds, { status: 'admitted', message: '', by: caller.userId });
  for (const userId of admitted) io.to(rooms.user(userId)).emit('lobby:decided', { sessionId, standing: 'admitted', message: '' });
  await announceWaiting(io, sessionId);
  return { admitted };
});

handle('lobby:deny', { scope: 'session', action: 'lobby:manage' }, async (caller, { sessionId, userId, message }) => {
  const { io } = caller;
  const denied = await decideLobby(sessionId, [userId], { status: 'denied', message, by: caller.userId });
  if (!denied.length) throw new DomainError('not_found', 'engage.notWaiting');
  io.to(rooms.user(userId)).emit('lobby:decided', { sessionId, standing: 'denied', message });
  await announceWaiting(io, sessionId);
  return {};
});
