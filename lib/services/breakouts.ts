import { randomUUID } from 'node:crypto';
import { db } from '../db/client';
import { findMembership, findSession } from '../db/queries/programme';
import {
  activeRun,
  assignmentOf,
  assignmentsOf,
  breakoutRosterWithRoles,
  changeRun,
  findRoom,
  findRun,
  insertAssignmentIfNone,
  insertOpenedRun,
  lockRoomOfRun,
  othersInRoom,
  roomSizes,
  roomsOf,
  upsertAssignment,
  type RoomRow,
  type RunRow,
} from '../db/queries/breakouts';
import { cohortMembersOf, cohortsById } from '../db/queries/breakout-cohorts';
import type { BreakoutMember, BreakoutOpen, BreakoutRun } from '../contracts/breakouts';
import { assign, assignedAtOpening, hasRoomFor, placeLateJoiner, placedAutomatically, type Candidate } from '../domain/breakout-assignment';
import type { MemberActor } from '../domain/actor';
import type { Role } from '../domain/roles';
import { DomainError, forbidden, notFound } from '../errors';

export const liveKeyOf = (roomId: string) => `breakout:${roomId}`;

/*
 * Who may do what is decided before these run: the realtime pipeline resolves
 * the caller's actor where the request acts and checks `breakout:manage` or
 * `breakout:take-part` (server/realtime/breakouts.ts declares which), re-read
 * whenever a role changes. These functions check the run's and rooms' state.
 */

/** A run a manager acts on. */
export async function managedRun(runId: string): Promise<RunRow> {
  const run = await findRun(runId);
  if (!run) throw notFound('breakout');
  return run;
}

function requireActive(run: RunRow): void {
  if (run.status === 'closed') throw new DomainError('conflict', 'breakouts.closed');
}

export async function runView(run: RunRow): Promise<BreakoutRun> {
  const [rooms, sizes] = await Promise.all([roomsOf(run.id), roomSizes(run.id)]);
  return viewOf(run, rooms, sizes);
}

/** The run as everyone sees it, from its rows and the number of people assigned to each room. */
export function viewOf(run: RunRow, rooms: RoomRow[], sizes: ReadonlyMap<string, number>): BreakoutRun {
  return {
    id: run.id,
    sessionId: run.sessionId,
    mode: run.mode,
    status: run.status,
    openedAt: run.openedAt.toISOString(),
    endsAt: run.endsAt.toISOString(),
    returnAt: run.returnAt?.toISOString() ?? null,
    lastBroadcast: run.lastBroadcast && run.lastBroadcastAt ? { message: run.lastBroadcast, at: run.lastBroadcastAt.toISOString() } : null,
    rooms: rooms.map((r) => ({
      id: r.id,
      position: r.position,
      name: r.name,
      cohortId: r.cohortId,
      inHallTable: r.inHallTable,
      capacity: r.capacity,
      memberCount: sizes.get(r.id) ?? 0,
      liveKey: liveKeyOf(r.id),
    })),
    rev: run.rev,
  };
}

/** A run's rooms, assignments and cohorts as opening wrote them. */
export interface OpenedRooms {
  rooms: RoomRow[];
  members: Array<BreakoutMember & { roomId: string }>;
  cohorts: Array<{ id: string; name: string }>;
}

/** Who is in the session now, as the realtime layer sees it (sockets on the session page; hall devices). */
export interface SessionPresence {
  present: ReadonlySet<string>;
  hallDevices: ReadonlySet<string>;
}

/**
 * Opens breakout rooms for a session: one statement writes the run, its rooms
 * and every assignment. The run id comes from the browser, so a retried open
 * returns the run it created instead of opening a second one. The mode places
 * only participants present now; presenters and absent people get a room only
 * when chosen explicitly (manual, cohort), absent participants when they arrive.
 * `actor`: the opener's, where the session is (the realtime pipeline checked
 * `breakout:manage`); `presence` may still be being gathered (across
 * processes): it is waited for beside the database reads.
 */
export async function openBreakouts(
  actor: Pick<MemberActor, 'userId' | 'eventId'>,
  input: BreakoutOpen,
  presence: SessionPresence | Promise<SessionPresence>,
  now = new Date(),
): Promise<{ run: RunRow; assigned: string[]; created: boolean; opened?: OpenedRooms }> {
  const { userId } = actor;
  // Cohort rooms take their members first; the mode places everyone else.
  const cohortIds = input.rooms.flatMap((r) => (r.cohortId ? [r.cohortId] : []));
  // Every read at once, the roster by the actor's event: opening waits for the slowest, not for their sum.
  const [found, existing, active, roster, cohorts, cohortMembers, here] = await Promise.all([
    findSession(input.sessionId),
    findRun(input.runId),
    activeRun(input.sessionId),
    breakoutRosterWithRoles(actor.eventId),
    cohortsById(cohortIds),
    cohortMembersOf(cohortIds),
    presence,
  ]);
  if (!found || found.event.id !== actor.eventId) throw notFound('session');
  const { session, event } = found;
  // The reads above are separate statements: the same open sent twice at once can miss its twin by id and
  // still find it as the session's active run, written between the two reads.
  const twin = existing ?? (active?.id === input.runId ? active : undefined);
  if (twin) {
    if (twin.sessionId !== session.id) throw new DomainError('conflict', 'breakouts.idUsed');
    return { run: twin, assigned: [], created: false };
  }
  if (active) throw new DomainError('conflict', 'breakouts.alreadyOpen');

  const rosterIds = new Set(roster.map((m) => m.userId));
  for (const m of input.manual) if (!rosterIds.has(m.userId)) throw new DomainError('invalid_payload', 'breakouts.manualNotParticipant');
  for (const id of cohortIds) if (cohorts.get(id)?.eventId !== event.id) throw notFound('cohort');
  const fixed = new Map<string, number>();
  input.rooms.forEach((r, i) => {
    if (!r.cohortId) return;
    for (const cm of cohortMembers) if (cm.cohortId === r.cohortId && rosterIds.has(cm.userId) && !fixed.has(cm.userId)) fixed.set(cm.userId, i);
  });
  for (const m of input.manual) fixed.set(m.userId, m.room);
  const seed = input.seed ?? randomUUID();
  const explicit = new Set(fixed.keys());
  const rest: Candidate[] = assignedAtOpening(
    roster.map((m) => ({ ...m, hallDevice: here.hallDevices.has(m.userId) })),
    here.present,
    explicit,
  );
  // Everyone else goes to the rooms without a cohort (all rooms, if every room has one).
  const free = input.rooms.flatMap((r, i) => (r.cohortId ? [] : [i]));
  const targets = free.length ? free : input.rooms.map((_, i) => i);
  const groups: string[][] = input.rooms.map(() => []);
  if (input.mode !== 'manual') assign(input.mode, rest, targets.length, seed).forEach((g, k) => groups[targets[k]!]!.push(...g));
  for (const [uid, room] of fixed) groups[room]!.push(uid);
  // Manual mode: people the moderator did not place are placed as late joiners would be (smallest room).
  if (input.mode === 'manual') {
    const byId = new Map(roster.map((m) => [m.userId, m]));
    for (const m of rest) {
      const at = placeLateJoiner('random', targets.map((i) => groups[i]!.map((id) => byId.get(id)!)), m);
      if (at !== null) groups[targets[at]!]!.push(m.userId);
    }
  }

  const endsAt = new Date(now.getTime() + input.durationMinutes * 60_000);
  // The rooms' ids are made here, so the run, its rooms and everyone's place are written in one statement.
  const newRooms = input.rooms.map((r, i) => ({
    id: randomUUID(),
    position: i,
    name: r.name,
    cohortId: r.cohortId ?? null,
    inHallTable: r.inHallTable || (r.cohortId ? cohorts.get(r.cohortId)!.inHallTable : false),
    capacity: r.capacity ?? null,
  }));
  const rows = groups.flatMap((g, i) => g.map((uid) => ({ userId: uid, roomId: newRooms[i]!.id })));
  const written = await insertOpenedRun(
    { id: input.runId, sessionId: session.id, eventId: event.id, mode: input.mode, seed, openedBy: userId, openedAt: now, endsAt },
    newRooms,
    rows,
  );
  if (!written) {
    // The same open sent twice at once (a tab that reconnected and sent it again): the other one wrote it.
    const again = await findRun(input.runId);
    if (again?.sessionId === session.id) return { run: again, assigned: [], created: false };
    throw new DomainError('conflict', 'breakouts.alreadyOpen');
  }
  const { run, rooms } = written;
  // What was just written, as the first push needs it (in the roster's order, by name, as the database would list it).
  const roomOf = new Map(rows.map((r) => [r.userId, r.roomId]));
  const members = roster.flatMap(({ role: _role, ...m }) => (roomOf.has(m.userId) ? [{ ...m, roomId: roomOf.get(m.userId)! }] : []));
  return { run, assigned: groups.flat(), created: true, opened: { rooms, members, cohorts: [...cohorts.values()] } };
}

/** Starts the warning countdown; at `returnAt` everyone is sent back (finishRun). Closing again changes nothing. */
export async function startClosing(runId: string, warningSeconds: number, now = new Date()): Promise<RunRow | undefined> {
  return changeRun(runId, ['open'], { status: 'closing', returnAt: new Date(now.getTime() + warningSeconds * 1000) });
}

export async function closeBreakouts(userId: string, runId: string, warningSeconds: number, now = new Date()): Promise<RunRow> {
  const run = await managedRun(runId);
  requireActive(run);
  if (run.status === 'closing') {
    // A second "close" with a shorter warning brings the return forward (e.g. "close now").
    const returnAt = new Date(now.getTime() + warningSeconds * 1000);
    if (run.returnAt && returnAt < run.returnAt) return (await changeRun(runId, ['closing'], { returnAt })) ?? run;
    return run;
  }
  return (await startClosing(runId, warningSeconds, now)) ?? (await findRun(runId))!;
}

/** Everyone returns: the run is closed (exactly once, whichever process or timer gets here first). */
export async function finishRun(runId: string, now = new Date()): Promise<RunRow | undefined> {
  return changeRun(runId, ['open', 'closing'], { status: 'closed', closedAt: now, returnAt: now });
}

export async function extendBreakouts(userId: string, runId: string, minutes: number, now = new Date()): Promise<RunRow> {
  const run = await managedRun(runId);
  requireActive(run);
  const base = run.endsAt > now ? run.endsAt : now;
  // Extending while the warning runs cancels the closing: the rooms go on.
  const next = await changeRun(runId, ['open', 'closing'], { status: 'open', returnAt: null, endsAt: new Date(base.getTime() + minutes * 60_000) });
  if (!next) throw new DomainError('conflict', 'breakouts.closed');
  return next;
}

export async function broadcastToRooms(userId: string, runId: string, message: string, now = new Date()): Promise<RunRow> {
  const run = await managedRun(runId);
  requireActive(run);
  const next = await changeRun(runId, ['open', 'closing'], { lastBroadcast: message, lastBroadcastAt: now });
  if (!next) throw new DomainError('conflict', 'breakouts.closed');
  return next;
}

async function roomOfRun(runId: string, roomId: string): Promise<RoomRow> {
  const found = await findRoom(roomId);
  if (!found || found.run.id !== runId) throw notFound('room');
  return found.room;
}

/** Moves a person to another room. Returns the room they left (if any). */
export async function movePerson(userId: string, runId: string, targetUserId: string, roomId: string): Promise<{ run: RunRow; from: string | undefined }> {
  const run = await managedRun(runId);
  requireActive(run);
  await roomOfRun(runId, roomId);
  const member = await findMembership(run.eventId, targetUserId);
  if (!member) throw notFound('member');
  const from = await assignmentOf(runId, targetUserId);
  await upsertAssignment({ runId, userId: targetUserId, roomId, assignedBy: userId });
  return { run: (await changeRun(runId, ['open', 'closing'], {})) ?? run, from };
}

/** Self-select: takes a place in a room with room left. The room row is locked so two people can't take the last place. */
export async function chooseRoom(userId: string, runId: string, roomId: string): Promise<{ run: RunRow; from: string | undefined }> {
  const run = await findRun(runId);
  if (!run) throw notFound('breakout');
  requireActive(run);
  if (run.mode !== 'self_select') throw forbidden('breakouts.moderatorAssigns');
  const d = await db();
  const from = await assignmentOf(runId, userId);
  await d.transaction(async (tx) => {
    const room = await lockRoomOfRun(tx, runId, roomId);
    if (!room) throw notFound('room');
    if (!hasRoomFor(await othersInRoom(tx, roomId, userId), room.capacity)) throw new DomainError('conflict', 'breakouts.roomFull', { room: room.name });
    await upsertAssignment({ runId, userId, roomId, assignedBy: userId }, tx);
  });
  return { run: (await changeRun(runId, ['open', 'closing'], {})) ?? run, from };
}

/**
 * Someone arrives (or comes back) while rooms are open: their assignment, or a
 * room by the run's mode if they have none (self-select: none, they choose).
 * Returns the room id and whether a new assignment was made.
 */
export async function ensureAssignment(run: RunRow, userId: string, role: Role, hallDevice = false): Promise<{ roomId: string | undefined; placed: boolean }> {
  const current = await assignmentOf(run.id, userId);
  if (current) return { roomId: current, placed: false };
  if (!placedAutomatically({ role, hallDevice })) return { roomId: undefined, placed: false };
  if (run.status !== 'open' || run.mode === 'self_select') return { roomId: undefined, placed: false };
  const [rooms, assignments, member] = await Promise.all([roomsOf(run.id), assignmentsOf(run), findMembership(run.eventId, userId)]);
  if (!member) return { roomId: undefined, placed: false };
  const groups = rooms.map((r) => assignments.filter((a) => a.roomId === r.id));
  const at = placeLateJoiner(
    run.mode,
    groups,
    { userId, country: member.country, organisation: member.organisation, attendanceMode: member.attendanceMode },
    rooms.map((r) => r.capacity),
  );
  if (at === null) return { roomId: undefined, placed: false };
  const placed = await insertAssignmentIfNone({ runId: run.id, userId, roomId: rooms[at]!.id });
  return { roomId: (await assignmentOf(run.id, userId))!, placed };
}

/** A new revision without other change: the rooms' member counts moved (a late joiner was placed). */
export async function bumpRun(runId: string): Promise<RunRow | undefined> {
  return changeRun(runId, ['open', 'closing'], {});
}
