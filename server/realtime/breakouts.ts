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
  syncState,
} from '../../lib/services/breakouts';
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
import {
  channels,
  completeRun,
  forgetSocket,
  markActivity,
  moveMedia,
  notifyControl,
  notifySession,
  placeSocket,
  roomActivity,
  schedule,
  setVisit,
  visitingRoom,
  visitorsIn,
} from './breakout-live';
import { on, type BalaiServer, type BalaiSocket } from './handler';

/**
 * Breakout rooms. Every handler authorizes from the database (in the
 * services); this file wires the results to channels, timers and media.
 */
export function registerBreakouts(io: BalaiServer, socket: BalaiSocket): void {
  on(io, socket, 'breakout:sync', async (caller, { sessionId }) => {
    const result = await syncState(caller.userId, sessionId, visitingRoom(sessionId, caller.userId));
    await placeSocket(socket, { sessionId, userId: caller.userId, runId: result.run?.id, roomId: result.roomId, visitor: result.visiting });
    if (result.run && result.state.canManage) await socket.join(channels.control(result.run.id));
    if (result.placed && result.run) {
      // A late joiner got a room: the others' room lists and the control room change, and their media moves in.
      notifySession(sessionId, result.run);
      await moveMedia(sessionId, [caller.userId]);
    }
    return result.state;
  });

  on(io, socket, 'breakout:open', async (caller, input) => {
    const { run, assigned, created } = await openBreakouts(caller.userId, input);
    if (created) {
      schedule(run);
      notifySession(run.sessionId, run);
      await moveMedia(run.sessionId, assigned);
    }
    return runView(run);
  });

  on(io, socket, 'breakout:close', async (caller, { runId, warningSeconds }) => {
    const run = await closeBreakouts(caller.userId, runId, warningSeconds);
    if (warningSeconds === 0) return runView((await completeRun(runId)) ?? run);
    schedule(run);
    notifySession(run.sessionId, run);
    return runView(run);
  });

  on(io, socket, 'breakout:extend', async (caller, { runId, minutes }) => {
    const run = await extendBreakouts(caller.userId, runId, minutes);
    schedule(run);
    notifySession(run.sessionId, run);
    return runView(run);
  });

  on(io, socket, 'breakout:move', async (caller, { runId, userId, roomId }) => {
    const { run } = await movePerson(caller.userId, runId, userId, roomId);
    notifySession(run.sessionId, run);
    await moveMedia(run.sessionId, [userId]);
    return {};
  });

  on(io, socket, 'breakout:choose', async (caller, { runId, roomId }) => {
    const { run } = await chooseRoom(caller.userId, runId, roomId);
    notifySession(run.sessionId, run);
    await moveMedia(run.sessionId, [caller.userId]);
    return {};
  });

  on(io, socket, 'breakout:broadcast', async (caller, { runId, message }) => {
    const run = await broadcastToRooms(caller.userId, runId, message);
    io.to(channels.session(run.sessionId)).emit('breakout:broadcasted', { runId, message, from: caller.name, at: run.lastBroadcastAt!.toISOString() });
    return {};
  });

  on(io, socket, 'breakout:help', async (caller, { runId, requestId, message }) => {
    const { created } = await askForHelp(caller.userId, runId, requestId, message);
    if (created) notifyControl(runId);
    return {};
  });

  on(io, socket, 'breakout:help-resolve', async (caller, { requestId }) => {
    const run = await resolveHelp(caller.userId, requestId);
    notifyControl(run.id);
    return {};
  });

  on(io, socket, 'breakout:visit', async (caller, { runId, roomId, asTable }) => {
    const run = await managedRun(runId, caller.userId);
    if (run.status === 'closed') throw new DomainError('conflict', 'breakouts.closed');
    if (roomId) {
      const found = await findRoom(roomId);
      if (!found || found.run.id !== runId) throw notFound('room');
      if (asTable && !found.room.inHallTable) throw new DomainError('conflict', 'breakouts.tableLaptopNeedsTable');
    }
    setVisit(run.sessionId, caller.userId, roomId, asTable);
    // Every tab of the moderator follows the visit (channels now, media through the resolver).
    for (const s of await io.in(`user:${caller.userId}`).fetchSockets()) s.emit('breakout:changed', { sessionId: run.sessionId, runId, rev: run.rev });
    await placeSocket(socket, { sessionId: run.sessionId, userId: caller.userId, runId, roomId: roomId ?? undefined, visitor: Boolean(roomId) });
    await moveMedia(run.sessionId, [caller.userId]);
    notifyControl(runId);
    return {};
  });

  on(io, socket, 'breakout:control', async (caller, { runId }) => {
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

  on(io, socket, 'breakout:chat-history', async (caller, { roomId }) => ({ messages: await roomChat(caller.userId, roomId) }));

  on(io, socket, 'breakout:chat-send', async (caller, { roomId, clientId, body }) => {
    const { message, created } = await postRoomChat(caller.userId, roomId, clientId, body);
    if (created) {
      markActivity(roomId);
      io.to(channels.room(roomId)).emit('breakout:chat-posted', message);
    }
    return message;
  });

  on(io, socket, 'breakout:notes-save', async (caller, { roomId, notes, baseRev }) => {
    const { notesRev } = await saveNotes(caller.userId, roomId, notes, baseRev);
    markActivity(roomId);
    socket.to(channels.room(roomId)).emit('breakout:notes-changed', { roomId, notes, notesRev, by: caller.name });
    return { notesRev };
  });

  on(io, socket, 'breakout:notes-copy', async (caller, { roomId, copyId, section }) => copyNotesToPlan(caller.userId, roomId, copyId, section));

  on(io, socket, 'breakout:cohorts', async (caller, { sessionId }) => listCohorts(caller.userId, sessionId));
  on(io, socket, 'breakout:cohort-save', async (caller, input) => saveCohort(caller.userId, input));

  socket.on('disconnect', () => {
    forgetSocket(socket).catch((err: unknown) => console.error('[breakouts] leave on disconnect failed', err));
  });
}
