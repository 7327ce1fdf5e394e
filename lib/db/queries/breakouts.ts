import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { db, type Db } from '../client';
import { breakoutAssignments, breakoutAttendance, breakoutCohorts, breakoutRooms, breakoutRuns, eventMembers, sessions, users } from '../schema';
import type { BreakoutMember } from '../../contracts/breakouts';

export type RunRow = typeof breakoutRuns.$inferSelect;
export type RoomRow = typeof breakoutRooms.$inferSelect;
type Reader = Pick<Db, 'select'>;

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

export async function cohortsById(ids: string[], reader?: Reader) {
  const d = reader ?? (await db());
  if (!ids.length) return new Map<string, typeof breakoutCohorts.$inferSelect>();
  const rows = await d.select().from(breakoutCohorts).where(inArray(breakoutCohorts.id, ids));
  return new Map(rows.map((c) => [c.id, c]));
}

/**
 * Opens stays (one per person and room) unless one is open already; one
 * statement for many people, because everyone enters at once when rooms open.
 */
export async function openStays(stays: Array<{ runId: string; roomId: string; userId: string; visitor: boolean }>): Promise<void> {
  if (!stays.length) return;
  const d = await db();
  const values = sql.join(
    stays.map((s) => sql`(${s.runId}::uuid, ${s.roomId}::uuid, ${s.userId}::uuid, ${s.visitor}::boolean)`),
    sql`, `,
  );
  await d.execute(sql`
    insert into breakout_attendance (run_id, room_id, user_id, visitor)
    select distinct on (v.room_id, v.user_id) v.run_id, v.room_id, v.user_id, v.visitor
    from (values ${values}) as v(run_id, room_id, user_id, visitor)
    where not exists (
      select 1 from breakout_attendance a where a.room_id = v.room_id and a.user_id = v.user_id and a.left_at is null
    )`);
}

export async function closeStay(roomId: string, userId: string): Promise<void> {
  const d = await db();
  await d
    .update(breakoutAttendance)
    .set({ leftAt: new Date() })
    .where(and(eq(breakoutAttendance.roomId, roomId), eq(breakoutAttendance.userId, userId), isNull(breakoutAttendance.leftAt)));
}

/** Closes every open stay of a run (it closed, or the server restarted and nobody is connected any more). */
export async function closeAllStays(runId: string, at = new Date()): Promise<void> {
  const d = await db();
  await d
    .update(breakoutAttendance)
    .set({ leftAt: sql`greatest(${at.toISOString()}::timestamptz, ${breakoutAttendance.joinedAt})` })
    .where(and(eq(breakoutAttendance.runId, runId), isNull(breakoutAttendance.leftAt)));
}

export async function staysOf(runId: string) {
  const d = await db();
  return d.select().from(breakoutAttendance).where(eq(breakoutAttendance.runId, runId)).orderBy(asc(breakoutAttendance.joinedAt));
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

export async function openStaysOf(runId: string) {
  const d = await db();
  return d
    .select({ roomId: breakoutAttendance.roomId, userId: breakoutAttendance.userId })
    .from(breakoutAttendance)
    .where(and(eq(breakoutAttendance.runId, runId), isNull(breakoutAttendance.leftAt)));
}

/** The ids of every breakout run of these sessions (whose control rooms a demoted moderator leaves). */
export async function runIdsOfSessions(sessionIds: string[]): Promise<string[]> {
  if (!sessionIds.length) return [];
  const d = await db();
  return (await d.select({ id: breakoutRuns.id }).from(breakoutRuns).where(inArray(breakoutRuns.sessionId, sessionIds))).map((r) => r.id);
}

/** Ends the open stays of these people in these rooms, in one statement (a push moves many people at once). */
export async function closeStays(stays: Array<{ roomId: string; userId: string }>, at = new Date()): Promise<void> {
  if (!stays.length) return;
  const d = await db();
  const values = sql.join(
    stays.map((s) => sql`(${s.roomId}::uuid, ${s.userId}::uuid)`),
    sql`, `,
  );
  await d.execute(sql`
    update breakout_attendance a set left_at = greatest(${at.toISOString()}::timestamptz, a.joined_at)
    from (values ${values}) as v(room_id, user_id)
    where a.room_id = v.room_id and a.user_id = v.user_id and a.left_at is null`);
}

/** Every room's shared notes of a run (from its cohort when it has one): notes change without a run revision. */
export async function roomNotesOf(runId: string): Promise<Map<string, { notes: string; notesRev: number }>> {
  const d = await db();
  const rows = await d
    .select({ id: breakoutRooms.id, notes: breakoutRooms.notes, notesRev: breakoutRooms.notesRev, cohortId: breakoutRooms.cohortId, cohortNotes: breakoutCohorts.notes, cohortNotesRev: breakoutCohorts.notesRev })
    .from(breakoutRooms)
    .leftJoin(breakoutCohorts, eq(breakoutCohorts.id, breakoutRooms.cohortId))
    .where(eq(breakoutRooms.runId, runId));
  return new Map(rows.map((r) => [r.id, r.cohortId ? { notes: r.cohortNotes ?? '', notesRev: r.cohortNotesRev ?? 0 } : { notes: r.notes, notesRev: r.notesRev }]));
}

/** A session's event and active run, and the roles of these people in that event: what a push needs besides the run's snapshot. */
export async function pushFacts(sessionId: string, userIds: string[]) {
  const d = await db();
  // Two reads at once: the roles are found through the session, without waiting for its event id.
  const [[row], roles] = await Promise.all([
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
          .where(and(eq(sessions.id, sessionId), inArray(eventMembers.userId, userIds)))
      : Promise.resolve([]),
  ]);
  if (!row) return undefined;
  return { eventId: row.eventId, run: row.run ?? undefined, roles: new Map(roles.map((r) => [r.userId, r.role])) };
}

/** A room's shared notes now (the room's, or its cohort's): notes change without a run revision, so they are read fresh. */
export async function currentRoomNotes(room: RoomRow): Promise<{ notes: string; notesRev: number }> {
  const d = await db();
  if (!room.cohortId) {
    const [r] = await d.select({ notes: breakoutRooms.notes, notesRev: breakoutRooms.notesRev }).from(breakoutRooms).where(eq(breakoutRooms.id, room.id));
    return r ?? { notes: '', notesRev: 0 };
  }
  const [c] = await d.select({ notes: breakoutCohorts.notes, notesRev: breakoutCohorts.notesRev }).from(breakoutCohorts).where(eq(breakoutCohorts.id, room.cohortId));
  return c ?? { notes: '', notesRev: 0 };
}
