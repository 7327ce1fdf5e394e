import type { MemberActor } from '../domain/actor';
import { assignmentsOf, pushFacts, roomsOf, syncFacts, type RoomRow, type RunRow } from '../db/queries/breakouts';
import { cohortsById } from '../db/queries/breakout-cohorts';
import { currentRoomNotes } from '../db/queries/breakout-rooms';
import type { BreakoutMember, BreakoutRun, BreakoutState, MyBreakoutRoom } from '../contracts/breakouts';
import { can } from '../domain/permissions';
import type { Role } from '../domain/roles';
import { notFound } from '../errors';
import { bumpRun, ensureAssignment, viewOf, type OpenedRooms } from './breakouts';

/**
 * What each person sees of a session's breakouts: their own state, asked for
 * by one browser (`syncState`, on a join or reconnect) or computed for
 * everyone at once from one snapshot when the rooms change (`placementsFor`,
 * pushed to every socket by the realtime layer).
 */

/** A moderator's visit (or table-laptop sign-in), kept in server memory. */
export type Visit = { roomId: string; table: boolean };

/**
 * A run's rooms and assignments as of one revision. Every change to rooms or
 * assignments bumps the run's rev, so a snapshot keyed by (run, rev) is never
 * stale: 500 people synced or pushed at once share one.
 */
interface RunSnapshot {
  view: BreakoutRun;
  assignment: Map<string, string>;
  members: Map<string, BreakoutMember[]>;
  rooms: Map<string, RoomRow>;
  cohortNames: Map<string, string>;
}
const SNAPSHOTS = Symbol.for('balai.breakouts.snapshots');
const snapshots = ((globalThis as { [SNAPSHOTS]?: Map<string, { rev: number; value: Promise<RunSnapshot> }> })[SNAPSHOTS] ??= new Map());

function snapshot(run: RunRow): Promise<RunSnapshot> {
  const cached = snapshots.get(run.id);
  if (cached && cached.rev === run.rev) return cached.value;
  const value = (async () => {
    const [rooms, assignments] = await Promise.all([roomsOf(run.id), assignmentsOf(run)]);
    const cohorts = await cohortsById(rooms.flatMap((r) => (r.cohortId ? [r.cohortId] : [])));
    return snapshotOf(run, rooms, assignments, [...cohorts.values()]);
  })();
  remember(run, value);
  return value;
}

function remember(run: RunRow, value: Promise<RunSnapshot>): void {
  snapshots.set(run.id, { rev: run.rev, value });
  value.catch(() => snapshots.delete(run.id));
  if (snapshots.size > 200) snapshots.delete(snapshots.keys().next().value!);
}

function snapshotOf(run: RunRow, rooms: RoomRow[], assignments: Array<BreakoutMember & { roomId: string }>, cohorts: Array<{ id: string; name: string }>): RunSnapshot {
  const members = new Map<string, BreakoutMember[]>();
  for (const { roomId, ...m } of assignments) members.set(roomId, [...(members.get(roomId) ?? []), m]);
  const sizes = new Map([...members].map(([roomId, list]) => [roomId, list.length]));
  return {
    view: viewOf(run, rooms, sizes),
    assignment: new Map(assignments.map((a) => [a.userId, a.roomId])),
    members,
    rooms: new Map(rooms.map((r) => [r.id, r])),
    cohortNames: new Map(cohorts.map((c) => [c.id, c.name])),
  };
}

/** Opening just wrote the run: its first push starts from what was written instead of reading it back. Returns the run as everyone sees it. */
export function primeSnapshot(run: RunRow, opened: OpenedRooms): BreakoutRun {
  const snap = snapshotOf(run, [...opened.rooms].sort((a, b) => a.position - b.position), opened.members, opened.cohorts);
  remember(run, Promise.resolve(snap));
  return snap.view;
}

/** The room a person sits in (a visit wins over the assignment for a moderator) and what they see of it. */
function roomView(
  snap: RunSnapshot,
  assigned: string | undefined,
  visit: Visit | undefined,
  notesOf: (room: RoomRow) => { notes: string; notesRev: number },
): { room: MyBreakoutRoom | null; roomId: string | undefined; visiting: boolean } {
  const visiting = Boolean(visit);
  const room = (visit ? snap.rooms.get(visit.roomId) : undefined) ?? (assigned ? snap.rooms.get(assigned) : undefined);
  if (!room) return { room: null, roomId: undefined, visiting: false };
  return {
    room: {
      id: room.id,
      name: room.name,
      inHallTable: room.inHallTable,
      cohortName: room.cohortId ? (snap.cohortNames.get(room.cohortId) ?? null) : null,
      members: snap.members.get(room.id) ?? [],
      ...notesOf(room),
      visiting: visiting && room.id !== assigned,
      table: visiting && Boolean(visit?.table),
    },
    roomId: room.id,
    visiting,
  };
}

export interface SyncResult {
  state: BreakoutState;
  run: RunRow | undefined;
  role: Role;
  /** The room this socket belongs in now (assigned, or visiting for a moderator). */
  roomId: string | undefined;
  /** The room the database assigns this person (a visit aside). */
  assigned: string | undefined;
  visiting: boolean;
  placed: boolean;
}

/** One person's view of a session's breakouts; `visit` is the moderator's current visit (server memory). */
/** `actor`: the caller's, where the session is; the realtime pipeline checked `breakout:take-part`. */
export async function syncState(actor: MemberActor, sessionId: string, visit: Visit | undefined, hallDevice = false, now = new Date()): Promise<SyncResult> {
  const { userId, role } = actor;
  // One query for run, room and notes: everyone who reconnects after a restart syncs at once.
  const facts = await syncFacts(sessionId, userId);
  if (!facts) throw notFound('session');
  const canManage = can({ role }, 'breakout:manage');
  let run = facts.run;
  const base = { sessionId, serverNow: now.toISOString(), canManage };
  if (!run) return { state: { ...base, run: null, room: null }, run, role, roomId: undefined, assigned: undefined, visiting: false, placed: false };
  let assigned = facts.roomId;
  let placed = false;
  if (!assigned) {
    const result = await ensureAssignment(run, userId, role, hallDevice);
    placed = result.placed;
    assigned = result.roomId;
    if (placed) run = (await bumpRun(run.id)) ?? run;
  }
  const snap = await snapshot(run);
  const notes = new Map<string, { notes: string; notesRev: number }>();
  const wanted = canManage && visit ? snap.rooms.get(visit.roomId) : assigned ? snap.rooms.get(assigned) : undefined;
  if (wanted) notes.set(wanted.id, wanted.id === facts.roomId && facts.notes ? facts.notes : await currentRoomNotes(wanted));
  const mine = roomView(snap, assigned, canManage ? visit : undefined, (room) => notes.get(room.id) ?? { notes: '', notesRev: 0 });
  return { state: { ...base, run: snap.view, room: mine.room }, run, role, roomId: mine.roomId, assigned, visiting: mine.visiting, placed };
}

/** One person's place in a push: what their socket is told, and where it sits. */
export interface Placement {
  canManage: boolean;
  room: MyBreakoutRoom | null;
  roomId: string | undefined;
  visiting: boolean;
}

/**
 * Everyone's place at once, for a push after the rooms changed: a handful of
 * queries whatever the number of people (the session's run, their roles, the
 * run's snapshot and the rooms' notes), never one per person. People who may
 * not take part (no longer members) are left out. `run` is the session's
 * active run, or undefined when none is (closed); `view` is what everyone
 * sees of it.
 */
export async function placementsFor(
  sessionId: string,
  userIds: string[],
  visitOf: (userId: string) => Visit | undefined,
): Promise<{ run: RunRow | undefined; view: BreakoutRun | null; assignment: ReadonlyMap<string, string>; roomIds: string[]; byUser: Map<string, Placement> }> {
  const facts = await pushFacts(sessionId, userIds);
  const byUser = new Map<string, Placement>();
  if (!facts) return { run: undefined, view: null, assignment: new Map(), roomIds: [], byUser };
  const run = facts.run;
  const snap = run ? await snapshot(run) : undefined;
  const notes = facts.notes;
  for (const userId of userIds) {
    const role = facts.roles.get(userId);
    if (!role || !can({ role }, 'breakout:take-part')) continue;
    const canManage = can({ role }, 'breakout:manage');
    if (!snap) {
      byUser.set(userId, { canManage, room: null, roomId: undefined, visiting: false });
      continue;
    }
    const mine = roomView(snap, snap.assignment.get(userId), canManage ? visitOf(userId) : undefined, (room) => notes.get(room.id) ?? { notes: '', notesRev: 0 });
    byUser.set(userId, { canManage, ...mine });
  }
  return { run, view: snap?.view ?? null, assignment: snap?.assignment ?? new Map(), roomIds: snap ? [...snap.rooms.keys()] : [], byUser };
}
