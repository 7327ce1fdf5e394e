import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { db, type Db } from '../client';
import { breakoutAssignments, breakoutCohorts, breakoutRooms, breakoutRuns, eventMembers, sessions, users } from '../schema';
import type { BreakoutMember } from '../../contracts/breakouts';
import type { Executor } from './executor';
import { uuidArray } from './bulk';
import { roomNotesOfRun, roomNotesOfSession } from './breakout-rooms';

export type RunRow = typeof breakoutRuns.$inferSelect;
export type RoomRow = typeof breakoutRooms.$inferSelect;
type Reader = Pick<Db, 'select'>;
export type RunInsert = typeof breakoutRuns.$inferInsert;
/** What a change of a run may set (its revision is bumped by every change). */
export type RunChange = Partial<Pick<RunInsert, 'status' | 'endsAt' | 'returnAt' | 'closedAt' | 'lastBroadcast' | 'lastBroadcastAt'>>;

/** The run of a session that has not closed yet (the database allows one). */
export async function activeRun(sessionId: string, reader?: Reader): Promise<RunRow | undefined> {
  const d = reader ?? (await db());
  const [row] = await d
    .select()
    .from(breakoutRuns)
    .where(and(eq(breakoutRuns.sessionId, sessionId), ne(breakoutRuns.status, 'closed')));
  return row;
}

export async function findRun(runId: string, reader?: Reader): Promise<RunRow | undefined> {
  const d = reader ?? (await db());
  const [row] = await d.select().from(breakoutRuns).where(eq(breakoutRuns.id, runId));
  return row;
}

export async function runsNotClosed(): Promise<RunRow[]> {
  const d = await db();
  return d.select().from(breakoutRuns).where(ne(breakoutRuns.status, 'closed'));
}

export async function roomsOf(runId: string, reader?: Reader): Promise<RoomRow[]> {
  const d = reader ?? (await db());
  return d.select().from(breakoutRooms).where(eq(breakoutRooms.runId, runId)).orderBy(asc(breakoutRooms.position));
}

export async function findRoom(roomId: string, reader?: Reader): Promise<{ room: RoomRow; run: RunRow } | undefined> {
  const d = reader ?? (await db());
  const [row] = await d
    .select({ room: breakoutRooms, run: breakoutRuns })
    .from(breakoutRooms)
    .innerJoin(breakoutRuns, eq(breakoutRuns.id, breakoutRooms.runId))
    .where(eq(breakoutRooms.id, roomId));
  return row;
}

export async function assignmentOf(runId: string, userId: string, reader?: Reader): Promise<string | undefined> {
  const d = reader ?? (await db());
  const [row] = await d
    .select({ roomId: breakoutAssignments.roomId })
    .from(breakoutAssignments)
    .where(and(eq(breakoutAssignments.runId, runId), eq(breakoutAssignments.userId, userId)));
  return row?.roomId;
}

const memberColumns = {
  userId: users.id,
  name: users.name,
  country: eventMembers.country,
  organisation: eventMembers.organisation,
  attendanceMode: eventMembers.attendanceMode,
};

/** Every assignment of a run with the person's roster facts. */
export async function assignmentsOf(run: RunRow, reader?: Reader): Promise<Array<BreakoutMember & { roomId: string }>> {
  const d = reader ?? (await db());
  return d
    .select({ ...memberColumns, roomId: breakoutAssignments.roomId })
    .from(breakoutAssignments)
    .innerJoin(users, eq(users.id, breakoutAssignments.userId))
    .innerJoin(eventMembers, and(eq(eventMembers.userId, breakoutAssignments.userId), eq(eventMembers.eventId, run.eventId)))
    .where(eq(breakoutAssignments.runId, run.id))
    .orderBy(asc(users.name));
}

export async function roomMembers(run: RunRow, roomId: string, reader?: Reader): Promise<BreakoutMember[]> {
  const d = reader ?? (await db());
  return d
    .select(memberColumns)
    .from(breakoutAssignments)
    .innerJoin(users, eq(users.id, breakoutAssignments.userId))
    .innerJoin(eventMembers, and(eq(eventMembers.userId, breakoutAssignments.userId), eq(eventMembers.eventId, run.eventId)))
    .where(and(eq(breakoutAssignments.runId, run.id), eq(breakoutAssignments.roomId, roomId)))
    .orderBy(asc(users.name));
}

/** The people breakouts are for: participants and presenters (moderators and organizers run the rooms and visit). */
export async function breakoutRoster(eventId: string, reader?: Reader): Promise<BreakoutMember[]> {
  const d = reader ?? (await db());
  return d
    .select(memberColumns)
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(and(eq(eventMembers.eventId, eventId), inArray(eventMembers.role, ['participant', 'presenter'])))
    .orderBy(asc(users.name));
}

/** The roster with each person's role: opening decides by role who is placed automatically. */
export async function breakoutRosterWithRoles(eventId: string, reader?: Reader): Promise<Array<BreakoutMember & { role: 'participant' | 'presenter' }>> {
  const d = reader ?? (await db());
  const rows = await d
    .select({ ...memberColumns, role: eventMembers.role })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(and(eq(eventMembers.eventId, eventId), inArray(eventMembers.role, ['participant', 'presenter'])))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, role: r.role === 'presenter' ? 'presenter' : 'participant' }));
}

export async function roomSizes(runId: string, reader?: Reader): Promise<Map<string, number>> {
  const d = reader ?? (await db());
  const rows = await d
    .select({ roomId: breakoutAssignments.roomId, n: sql<number>`count(*)::int` })
    .from(breakoutAssignments)
    .where(eq(breakoutAssignments.runId, runId))
    .groupBy(breakoutAssignments.roomId);
  return new Map(rows.map((r) => [r.roomId, Number(r.n)]));
}

/**
 * Everything a sync needs in one round trip: the session's event, the caller's
 * role, the session's active run, the caller's room in it and that room's notes
 * (from the cohort when it has one).
 */
export async function syncFacts(sessionId: string, userId: string) {
  const d = await db();
  const [row] = await d
    .select({
      eventId: sessions.eventId,
      role: eventMembers.role,
      run: breakoutRuns,
      roomId: breakoutAssignments.roomId,
      roomNotes: breakoutRooms.notes,
      roomNotesRev: breakoutRooms.notesRev,
      cohortId: breakoutRooms.cohortId,
      cohortNotes: breakoutCohorts.notes,
      cohortNotesRev: breakoutCohorts.notesRev,
    })
    .from(sessions)
    .leftJoin(eventMembers, and(eq(eventMembers.eventId, sessions.eventId), eq(eventMembers.userId, userId)))
    .leftJoin(breakoutRuns, and(eq(breakoutRuns.sessionId, sessions.id), ne(breakoutRuns.status, 'closed')))
    .leftJoin(breakoutAssignments, and(eq(breakoutAssignments.runId, breakoutRuns.id), eq(breakoutAssignments.userId, userId)))
    .leftJoin(breakoutRooms, eq(breakoutRooms.id, breakoutAssignments.roomId))
    .leftJoin(breakoutCohorts, eq(breakoutCohorts.id, breakoutRooms.cohortId))
    .where(eq(sessions.id, sessionId));
  if (!row) return undefined;
  const notes = row.roomId ? (row.cohortId ? { notes: row.cohortNotes ?? '', notesRev: row.cohortNotesRev ?? 0 } : { notes: row.roomNotes ?? '', notesRev: row.roomNotesRev ?? 0 }) : undefined;
  return { eventId: row.eventId, role: row.role, run: row.run ?? undefined, roomId: row.roomId ?? undefined, notes };
}

/** The ids of every breakout run of these sessions (whose control rooms a demoted moderator leaves). */
export async function runIdsOfSessions(sessionIds: string[]): Promise<string[]> {
  if (!sessionIds.length) return [];
  const d = await db();
  return (await d.select({ id: breakoutRuns.id }).from(breakoutRuns).where(inArray(breakoutRuns.sessionId, sessionIds))).map((r) => r.id);
}

/**
 * A session's event and active run, the roles of these people in that event
 * and the shared notes of the run's rooms: what a push needs besides the run's
 * snapshot.
 */
export async function pushFacts(sessionId: string, userIds: string[]) {
  const d = await db();
  // Three reads at once: the roles and the notes are found through the session, without waiting for its event or run.
  const [[row], roles, notes] = await Promise.all([
    d
      .select({ eventId: sessions.eventId, run: breakoutRuns })
      .from(sessions)
      .leftJoin(breakoutRuns, and(eq(breakoutRuns.sessionId, sessions.id), ne(breakoutRuns.status, 'closed')))
      .where(eq(sessions.id, sessionId)),
    userIds.length
      ? d
          .select({ userId: eventMembers.userId, role: eventMembers.role })
          .from(eventMembers)
          .innerJoin(sessions, eq(sessions.eventId, eventMembers.eventId))
          .where(and(eq(sessions.id, sessionId), sql`${eventMembers.userId} = any(${uuidArray(userIds)})`))
      : Promise.resolve([]),
    roomNotesOfSession(sessionId, d),
  ]);
  if (!row) return undefined;
  // The notes were found through "the session's active run": one that closed while the other read ran, and the
  // next one opened, would give the notes of another run's rooms. Read the right run's then (rare: a race).
  const runNotes = !row.run || notes.runId === row.run.id ? notes.notes : await roomNotesOfRun(row.run.id, d);
  return { eventId: row.eventId, run: row.run ?? undefined, roles: new Map(roles.map((r) => [r.userId, r.role])), notes: runNotes };
}

// ---- writes ----

/** A new run's room: its id is made by the caller, so the assignments can name it in the same statement. */
export type NewRoom = Pick<RoomRow, 'id' | 'position' | 'name' | 'cohortId' | 'inHallTable' | 'capacity'>;

/**
 * Opens a run: the run, its rooms and its first assignments (by the opener)
 * in one statement, so all or nothing is written without a transaction's
 * extra round trips (opening waits for this, under load each round trip
 * costs). Undefined, and nothing written, when a run with its id exists
 * already or the session has an active one.
 */
export async function insertOpenedRun(
  run: Pick<RunRow, 'id' | 'sessionId' | 'eventId' | 'mode' | 'seed' | 'openedAt' | 'endsAt'> & { openedBy: string },
  rooms: NewRoom[],
  assignments: Array<{ userId: string; roomId: string }>,
): Promise<{ run: RunRow; rooms: RoomRow[] } | undefined> {
  const d = await db();
  const result: unknown = await d.execute(sql`
    with new_run as (
      insert into breakout_runs (id, session_id, event_id, mode, seed, opened_by, opened_at, ends_at)
      values (${run.id}::uuid, ${run.sessionId}::uuid, ${run.eventId}::uuid, ${run.mode}::breakout_mode, ${run.seed}, ${run.openedBy}::uuid,
              ${run.openedAt.toISOString()}::timestamptz, ${run.endsAt.toISOString()}::timestamptz)
      on conflict do nothing
      returning *
    ), new_rooms as (
      insert into breakout_rooms (id, run_id, position, name, cohort_id, in_hall_table, capacity)
      select r.id, new_run.id, r.position, r.name, r."cohortId", r."inHallTable", r.capacity
      from new_run, json_to_recordset(${JSON.stringify(rooms)}::json)
        as r(id uuid, position int, name text, "cohortId" uuid, "inHallTable" boolean, capacity int)
      returning *
    ), new_assignments as (
      insert into breakout_assignments (run_id, user_id, room_id, assigned_by)
      select new_run.id, v.user_id, v.room_id, new_run.opened_by
      from new_run, unnest(${uuidArray(assignments.map((a) => a.userId))}, ${uuidArray(assignments.map((a) => a.roomId))}) as v(user_id, room_id)
    )
    select (select row_to_json(new_run) from new_run) as run,
           (select coalesce(json_agg(new_rooms order by new_rooms.position), '[]'::json) from new_rooms) as rooms`);
  // postgres-js answers with the rows, PGlite with an object holding them.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ run: RunJson | null; rooms: RoomJson[] }>;
  const row = rows[0];
  if (!row?.run) return undefined;
  return { run: runFromJson(row.run), rooms: row.rooms.map(roomFromJson) };
}

type RunJson = { [K in keyof RunRow as SnakeCase<K & string>]: RunRow[K] extends Date | null ? string | null : RunRow[K] };
type RoomJson = { [K in keyof RoomRow as SnakeCase<K & string>]: RoomRow[K] };
type SnakeCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}` : S;

const dateOf = (value: string | null) => (value === null ? null : new Date(value));

/** A run as row_to_json wrote it (the table's column names, timestamps as text). */
function runFromJson(r: RunJson): RunRow {
  return {
    id: r.id,
    sessionId: r.session_id,
    eventId: r.event_id,
    mode: r.mode,
    seed: r.seed,
    status: r.status,
    openedBy: r.opened_by,
    openedAt: dateOf(r.opened_at)!,
    endsAt: dateOf(r.ends_at)!,
    returnAt: dateOf(r.return_at),
    closedAt: dateOf(r.closed_at),
    lastBroadcast: r.last_broadcast,
    lastBroadcastAt: dateOf(r.last_broadcast_at),
    rev: r.rev,
  };
}

function roomFromJson(r: RoomJson): RoomRow {
  return {
    id: r.id,
    runId: r.run_id,
    position: r.position,
    name: r.name,
    cohortId: r.cohort_id,
    notes: r.notes,
    notesRev: r.notes_rev,
    inHallTable: r.in_hall_table,
    capacity: r.capacity,
  };
}

/** Applies `set` and bumps the run's revision, only while the run is in one of `from`; undefined when it is not. */
export async function changeRun(runId: string, from: RunRow['status'][], set: RunChange): Promise<RunRow | undefined> {
  const d = await db();
  const [row] = await d
    .update(breakoutRuns)
    .set({ ...set, rev: sql`${breakoutRuns.rev} + 1` })
    .where(and(eq(breakoutRuns.id, runId), inArray(breakoutRuns.status, from)))
    .returning();
  return row;
}

/** Puts a person in a room of the run, wherever they were. */
export async function upsertAssignment(a: { runId: string; userId: string; roomId: string; assignedBy: string }, ex?: Executor): Promise<void> {
  const d = ex ?? (await db());
  await d
    .insert(breakoutAssignments)
    .values(a)
    .onConflictDoUpdate({ target: [breakoutAssignments.runId, breakoutAssignments.userId], set: { roomId: a.roomId, assignedBy: a.assignedBy, updatedAt: new Date() } });
}

/** A late joiner's room, unless they got one meanwhile (another tab, another process); whether this one was written. */
export async function insertAssignmentIfNone(a: { runId: string; userId: string; roomId: string }): Promise<boolean> {
  const d = await db();
  const inserted = await d.insert(breakoutAssignments).values(a).onConflictDoNothing().returning({ userId: breakoutAssignments.userId });
  return inserted.length > 0;
}

/** A room of the run, locked until the transaction ends (two people cannot take its last place). */
export async function lockRoomOfRun(tx: Executor, runId: string, roomId: string): Promise<RoomRow | undefined> {
  const [room] = await tx.select().from(breakoutRooms).where(and(eq(breakoutRooms.id, roomId), eq(breakoutRooms.runId, runId))).for('update');
  return room;
}

/** How many people besides this one are assigned to the room. */
export async function othersInRoom(tx: Executor, roomId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(breakoutAssignments)
    .where(and(eq(breakoutAssignments.roomId, roomId), ne(breakoutAssignments.userId, userId)));
  return Number(row?.n ?? 0);
}
