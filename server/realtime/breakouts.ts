import type { ControlView } from '../../lib/contracts/breakouts';
import { assignmentsOf, breakoutRoster, findRoom, roomsOf } from '../../lib/db/queries/breakouts';
import { findUserById } from '../../lib/db/queries/users';
import {
  broadcastToRooms,
  closeBreakouts,
  chooseRoom,
  extendBreakouts,
  managedRun,
  movePerson,
  openBreakouts,
  runView,
} from '../../lib/services/breakouts';
import { primeSnapshot, syncState } from '../../lib/services/breakout-state';
import {
  askForHelp,
  copyNotesToPlan,
  listCohorts,
  openHelpRequests,
  postRoomChat,
  resolveHelp,
  roomChat,
  saveCohort,
  saveNotes,
} from '../../lib/services/breakout-rooms';
import { DomainError, notFound } from '../../lib/errors';
import { notePlacement, pushGeneration, pushTo } from './breakout-push';
import {
  channels,
  completeRun,
  forgetSocket,
  hallDevicesOf,
  markActivity,
  notifyControl,
  placeSocket,
  roomActivity,
  runChanged,
  schedule,
  sessionPresence,
  setVisit,
  visitingRoom,
  visitorsIn,
} from './breakout-live';
import { handle, type BalaiServer, type BalaiSocket } from './handler';

/**
 * Breakout rooms. Every handler authorizes from the database (in the
 * services); this file wires the results to channels, timers and media.
 */
handle('breakout:sync', async (caller, { sessionId }) => {
  const { socket } = caller;
  const hallDevice = hallDevicesOf(sessionId).has(caller.userId);
  for (let attempt = 1; ; attempt++) {
    const asked = pushGeneration(sessionId);
    const result = await syncState(caller.userId, sessionId, visitingRoom(sessionId, caller.userId), hallDevice);
    // In the session channel from here on: every later push reaches this socket.
    await placeSocket(socket, { sessionId, userId: caller.userId, runId: result.run?.id, roomId: result.roomId, visitor: result.visiting });
    if (result.run && result.state.canManage) await socket.join(channels.control(result.run.id));
    notePlacement(sessionId, result.run, caller.userId, result.assigned);
    // A push asked while this answer was being read may have missed the socket and be newer than the answer: read again.
    if (pushGeneration(sessionId) !== asked && attempt < 3) continue;
    // A late joiner got a room: the others' room lists change (and their media, if any, moves in).
    if (result.placed && result.run) void runChanged(result.run).catch((err: unknown) => console.error('[breakouts] push after a late join failed', err));
    return result.state;
  }
});

handle('breakout:open', async (caller, input) => {
  const { run, created, opened } = await openBreakouts(caller.userId, input, await sessionPresence(input.sessionId));
  if (created) {
    if (opened) primeSnapshot(run, opened);
    schedule(run);
    await runChanged(run);
  }
  return runView(run);
});

handle('breakout:close', async (caller, { runId, warningSeconds }) => {
  const run = await closeBreakouts(caller.userId, runId, warningSeconds);
  if (warningSeconds === 0) return runView((await completeRun(runId)) ?? run);
  schedule(run);
  await runChanged(run);
  return runView(run);
});

handle('breakout:extend', async (caller, { runId, minutes }) => {
  const run = await extendBreakouts(caller.userId, runId, minutes);
  schedule(run);
  await runChanged(run);
  return runView(run);
});

handle('breakout:move', async (caller, { runId, userId, roomId }) => {
  const { run } = await movePerson(caller.userId, runId, userId, roomId);
  await runChanged(run);
  return {};
});

handle('breakout:choose', async (caller, { runId, roomId }) => {
  const { run } = await chooseRoom(caller.userId, runId, roomId);
  await runChanged(run);
  return {};
});

handle('breakout:broadcast', async (caller, { runId, message }) => {
  const { io } = caller;
  const run = await broadcastToRooms(caller.userId, runId, message);
  io.to(channels.session(run.sessionId)).emit('breakout:broadcasted', { runId, message, from: caller.name, at: run.lastBroadcastAt!.toISOString() });
  return {};
});

handle('breakout:help', async (caller, { runId, requestId, message }) => {
  const { created } = await askForHelp(caller.userId, runId, requestId, message);
  if (created) notifyControl(runId);
  return {};
});

handle('breakout:help-resolve', async (caller, { requestId }) => {
  const run = await resolveHelp(caller.userId, requestId);
  notifyControl(run.id);
  return {};
});

handle('breakout:visit', async (caller, { runId, roomId, asTable }) => {
  const { socket } = caller;
  const run = await managedRun(runId, caller.userId);
  if (run.status === 'closed') throw new DomainError('conflict', 'breakouts.closed');
  if (roomId) {
    const found = await findRoom(roomId);
    if (!found || found.run.id !== runId) throw notFound('room');
    if (asTable && !found.room.inHallTable) throw new DomainError('conflict', 'breakouts.tableLaptopNeedsTable');
  }
  setVisit(run.sessionId, caller.userId, roomId, asTable);
  // The moderator's tabs on this process follow the visit: channels, the state they show and media, from one push.
  await socket.join(channels.session(run.sessionId));
  await pushTo(run.sessionId, [caller.userId]);
  notifyControl(runId);
  return {};
});

handle('breakout:control', async (caller, { runId }) => {
  const { io, socket } = caller;
  const run = await managedRun(runId, caller.userId);
  await socket.join(channels.control(runId));
  const [view, rooms, assignments, roster, help] = await Promise.all([runView(run), roomsOf(runId), assignmentsOf(run), breakoutRoster(run.eventId), openHelpRequests(runId)]);
  const assignedIds = new Set(assignments.map((a) => a.userId));
  const now = Date.now();
  const controlRooms: ControlView['rooms'] = [];
  for (const r of rooms) {
    // Asked of every process (fetchSockets goes through the adapter), so a cluster shows everyone.
    const present = new Set((await io.in(channels.room(r.id)).fetchSockets()).map((s) => s.data.userId));
    const { lastActiveAt, speakingUserId } = roomActivity(r.id);
    const visitors = await Promise.all(visitorsIn(run.sessionId, r.id).map(async (v) => ({ ...v, name: (await findUserById(v.userId))?.name ?? '', speaking: speakingUserId === v.userId })));
    controlRooms.push({
      id: r.id,
      name: r.name,
      inHallTable: r.inHallTable,
      members: assignments
        .filter((a) => a.roomId === r.id)
        .map(({ roomId: _r, ...m }) => ({ ...m, present: present.has(m.userId), speaking: speakingUserId === m.userId })),
      visitors,
      silentForSeconds: lastActiveAt === undefined ? null : Math.max(0, Math.round((now - lastActiveAt) / 1000)),
    });
  }
  return { serverNow: new Date(now).toISOString(), run: view, rooms: controlRooms, unassigned: roster.filter((m) => !assignedIds.has(m.userId)), help };
});

handle('breakout:chat-history', async (caller, { roomId }) => ({ messages: await roomChat(caller.userId, roomId) }));

handle('breakout:chat-send', async (caller, { roomId, clientId, body }) => {
  const { io } = caller;
  const { message, created } = await postRoomChat(caller.userId, roomId, clientId, body);
  if (created) {
    markActivity(roomId);
    io.to(channels.room(roomId)).emit('breakout:chat-posted', message);
  }
  return message;
});

handle('breakout:notes-save', async (caller, { roomId, notes, baseRev }) => {
  const { socket } = caller;
  const { notesRev } = await saveNotes(caller.userId, roomId, notes, baseRev);
  markActivity(roomId);
  socket.to(channels.room(roomId)).emit('breakout:notes-changed', { roomId, notes, notesRev, by: caller.name });
  return { notesRev };
});

handle('breakout:notes-copy', async (caller, { roomId, copyId, section }) => copyNotesToPlan(caller.userId, roomId, copyId, section));

handle('breakout:cohorts', async (caller, { sessionId }) => listCohorts(caller.userId, sessionId));
handle('breakout:cohort-save', async (caller, input) => saveCohort(caller.userId, input));

/** What a person's socket needs beyond the shared handlers: leaving its breakout places when it goes. */
export function registerBreakouts(socket: BalaiSocket): void {
  socket.on('disconnect', () => {
    forgetSocket(socket).catch((err: unknown) => console.error('[breakouts] leave on disconnect failed', err));
  });
}
