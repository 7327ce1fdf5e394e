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
