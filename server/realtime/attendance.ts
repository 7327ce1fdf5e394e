import { rooms } from '../../lib/realtime/rooms';
import type { LiveCounts } from '../../lib/contracts/attendance';
import { applyScan, rosterOf } from '../../lib/services/checkin';
import { liveCounts } from '../../lib/services/attendance-live';
import { closeInterval, openInterval, startIntervalKeeper } from '../../lib/services/attendance-tracking';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { inEvent } from './pipeline';

/** Check-in at the venue and the organizer's live attendance counts. */
handle('checkin:roster', inEvent('checkin:scan'), (_caller, { eventId }) => rosterOf(eventId));
handle('checkin:scan', inEvent('checkin:scan'), (caller, scan) => applyScan(caller.userId, scan));

handle('attendance:watch', inEvent('attendance:view-all'), async (caller, { eventId }): Promise<LiveCounts> => {
  const { socket } = caller;
  await socket.join(rooms.attendance(eventId));
  return liveCounts(eventId);
});
handle('attendance:unwatch', { scope: 'self' }, async ({ socket }, { eventId }) => {
  await socket.leave(rooms.attendance(eventId));
  return {};
});
/**
 * Hooks for server/realtime/presence.ts: a socket's stay in a session is an
 * attendance interval. Failures are logged, never thrown: presence must work
 * even if the attendance write fails.
 */
// Per socket, interval writes run in order: a quick join-then-leave must not close before it opened.
// A chain is dropped once its last write is done, so a socket sitting in a session holds none.
const chains = new WeakMap<BalaiSocket, Promise<void>>();
function inOrder(socket: BalaiSocket, what: string, write: () => Promise<void>): void {
  const next = (chains.get(socket) ?? Promise.resolve()).then(write).catch((err: unknown) => console.error(`[attendance] could not ${what}`, err));
  chains.set(socket, next);
  void next.then(() => {
    if (chains.get(socket) === next) chains.delete(socket);
  });
}

export function attendanceJoined(socket: BalaiSocket, eventId: string, sessionId: string): void {
  const facts = { eventId, sessionId, userId: socket.data.userId, connectionId: socket.id };
  const at = new Date();
  inOrder(socket, 'open an interval', () => openInterval(facts, at));
}

export function attendanceLeft(socket: BalaiSocket, reason: 'leave' | 'disconnect'): void {
  const at = new Date();
  inOrder(socket, 'close an interval', () => closeInterval(socket.id, reason, at));
}

/** Heartbeats this process's open intervals and closes stale ones; stop() closes its own at shutdown. */
export function startAttendanceKeeper(io: BalaiServer) {
  return startIntervalKeeper(() => [...io.of('/').sockets.values()].filter((s) => s.data.sessionId).map((s) => s.id));
}
