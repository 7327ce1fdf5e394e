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
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { notePlacement, pushGeneration, pushTo } from './breakout-push';
import {
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
import { rooms } from '../../lib/realtime/rooms';

/**
 * Breakout rooms. Every request declares what it needs where it acts (the
 * pipeline checks it against the caller's actor); the services check the
 * run's and rooms' state, and this file wires the results to channels,
 * timers and media. Refusals say what they said before the pipeline.
 */
const onlyStaffRun = () => forbidden('breakouts.onlyStaffRun');
const notMember = () => forbidden('general.notMember');
const onlyStaffCohorts = () => forbidden('breakouts.onlyStaffCohorts');
const managing = <S extends 'session' | 'run' | 'help'>(scope: S) => ({ scope, action: 'breakout:manage', nonMember: onlyStaffRun, denied: onlyStaffRun }) as const;
const takingPart = <S extends 'session' | 'run' | 'room'>(scope: S) => ({ scope, action: 'breakout:take-part', nonMember: notMember, denied: notMember }) as const;
const cohorts = { scope: 'session', action: 'breakout:manage', nonMember: onlyStaffCohorts, denied: onlyStaffCohorts } as const;
handle('breakout:sync', takingPart('session'), async (caller, { sessionId }) => {
  const { socket } = caller;
  const hallDevice = hallDevicesOf(sessionId).has(caller.userId);
  for (let attempt = 1; ; attempt++) {
    const asked = pushGeneration(sessionId);
    const result = await syncState(caller.actor, sessionId, visitingRoom(sessionId, caller.userId), hallDevice);
    // In the session channel from here on: every later push reaches this socket.
    await placeSocket(socket, { sessionId, userId: caller.userId, runId: result.run?.id, roomId: result.roomId, visitor: result.visiting });
    if (result.run && result.state.canManage) await socket.join(rooms.breakouts.control(result.run.id));
    notePlacement(sessionId, result.run, caller.userId, result.assigned);
    // A push asked while this answer was being read may have missed the socket and be newer than the answer: read again.
    if (pushGeneration(sessionId) !== asked && attempt < 3) continue;
    // A late joiner got a room: the others' room lists change (and their media, if any, moves in).
    if (result.placed && result.run) void runChanged(result.run).catch((err: unknown) => console.error('[breakouts] push after a late join failed', err));
    return result.state;
  }
});

handle('breakout:open', managing('session'), async (caller, input) => {
  const { run, created, opened } = await openBreakouts(caller.actor, input, sessionPresence(input.sessionId));
  if (!created || !opened) return runView(run);
  // The view of what was just written answers the opener too: nothing is read back.
  const view = primeSnapshot(run, opened);
  schedule(run);
  await runChanged(run);
  return view;
});

handle('breakout:close', managing('run'), async (caller, { runId, warningSeconds }) => {
  const run = await closeBreakouts(caller.userId, runId, warningSeconds);
  if (warningSeconds === 0) return runView((await completeRun(runId)) ?? run);
  schedule(run);
  await runChanged(run);
  return runView(run);
});

handle('breakout:extend', managing('run'), async (caller, { runId, minutes }) => {
  const run = await extendBreakouts(caller.userId, runId, minutes);
  schedule(run);
  await runChanged(run);
  return runView(run);
});

handle('breakout:move', managing('run'), async (caller, { runId, userId, roomId }) => {
  const { run } = await movePerson(caller.userId, runId, userId, roomId);
  await runChanged(run);
  return {};
});

handle('breakout:choose', takingPart('run'), async (caller, { runId, roomId }) => {
  const { run } = await chooseRoom(caller.userId, runId, roomId);
  await runChanged(run);
  return {};
});

handle('breakout:broadcast', managing('run'), async (caller, { runId, message }) => {
  const { io } = caller;
  const run = await broadcastToRooms(caller.userId, runId, message);
  io.to(rooms.breakouts.session(run.sessionId)).emit('breakout:broadcasted', { runId, message, from: caller.name, at: run.lastBroadcastAt!.toISOString() });
  return {};
});

handle('breakout:help', takingPart('run'), async (caller, { runId, requestId, message }) => {
  const { created } = await askForHelp(caller.userId, runId, requestId, message);
  if (created) notifyControl(runId);
  return {};
});

handle('breakout:help-resolve', managing('help'), async (caller, { requestId }) => {
  const run = await resolveHelp(caller.userId, requestId);
  notifyControl(run.id);
  return {};
});

handle('breakout:visit', managing('run'), async (caller, { runId, roomId, asTable }) => {
  const { socket } = caller;
  const run = await managedRun(runId);
  if (run.status === 'closed') throw new DomainError('conflict', 'breakouts.closed');
  if (roomId) {
    const found = await findRoom(roomId);
    if (!found || found.run.id !== runId) throw notFound('room');
    if (asTable && !found.room.inHallTable) throw new DomainError('conflict', 'breakouts.tableLaptopNeedsTable');
  }
  setVisit(run.sessionId, caller.userId, roomId, asTable);
  // The moderator's tabs on this process follow the visit: channels, the state they show and media, from one push.
  await socket.join(rooms.breakouts.session(run.sessionId));
  await pushTo(run.sessionId, [caller.userId]);
  notifyControl(runId);
  return {};
});

handle('breakout:control', managing('run'), async (caller, { runId }) => {
  const { io, socket } = caller;
  const run = await managedRun(runId);
  await socket.join(rooms.breakouts.control(runId));
  const [view, runRooms, assignments, roster, help] = await Promise.all([runView(run), roomsOf(runId), assignmentsOf(run), breakoutRoster(run.eventId), openHelpRequests(runId)]);
  const assignedIds = new Set(assignments.map((a) => a.userId));
  const now = Date.now();
  // Who is in which room, asked of every process at once (fetchSockets goes through the adapter), so a cluster shows everyone.
  const roomChannels = runRooms.map((r) => rooms.breakouts.room(r.id));
  const roomOfChannel = new Map<string, string>(runRooms.map((r, i) => [roomChannels[i]!, r.id]));
  const presentIn = new Map(runRooms.map((r) => [r.id, new Set<string>()]));
  for (const s of runRooms.length ? await io.in(roomChannels).fetchSockets() : []) {
    for (const channel of s.rooms) {
      const roomId = roomOfChannel.get(channel);
      if (roomId) presentIn.get(roomId)!.add(s.data.userId);
    }
  }
  const controlRooms: ControlView['rooms'] = [];
  for (const r of runRooms) {
    const present = presentIn.get(r.id)!;
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

handle('breakout:chat-history', takingPart('room'), async (caller, { roomId }) => ({ messages: await roomChat(caller.actor, roomId) }));

handle('breakout:chat-send', takingPart('room'), async (caller, { roomId, clientId, body }) => {
  const { io } = caller;
  const { message, created } = await postRoomChat(caller.actor, roomId, clientId, body);
  if (created) {
    markActivity(roomId);
    io.to(rooms.breakouts.room(roomId)).emit('breakout:chat-posted', message);
  }
  return message;
});

handle('breakout:notes-save', takingPart('room'), async (caller, { roomId, notes, baseRev }) => {
  const { socket } = caller;
  const { notesRev } = await saveNotes(caller.actor, roomId, notes, baseRev);
  markActivity(roomId);
  socket.to(rooms.breakouts.room(roomId)).emit('breakout:notes-changed', { roomId, notes, notesRev, by: caller.name });
  return { notesRev };
});

handle('breakout:notes-copy', takingPart('room'), async (caller, { roomId, copyId, section }) => copyNotesToPlan(caller.actor, roomId, copyId, section));

handle('breakout:cohorts', cohorts, async (caller, { sessionId }) => listCohorts(sessionId));
handle('breakout:cohort-save', cohorts, async (caller, input) => saveCohort(input));

/** What a person's socket needs beyond the shared handlers: leaving its breakout places when it goes. */
export function registerBreakouts(socket: BalaiSocket): void {
  socket.on('disconnect', () => {
    forgetSocket(socket).catch((err: unknown) => console.error('[breakouts] leave on disconnect failed', err));
  });
}
