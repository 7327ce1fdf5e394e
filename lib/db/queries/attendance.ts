import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { db } from '../client';
import { attendanceIntervals, breakoutAttendance, breakoutRooms, breakoutRuns, checkins, eventMembers, roomScans, users } from '../schema';
import type { Executor } from './executor';

// Attendance: the online intervals written from live connections, and the
// reads behind the live dashboard and the reports (intervals, breakout stays,
// check-ins and room-door scans). The check-in desk's writes are in ./checkin.

type IntervalFacts = { eventId: string; sessionId: string; userId: string; connectionId: string };

/** Ends the connection's open interval at `at`, as a leave. */
export async function leaveOpenInterval(tx: Executor, connectionId: string, at: Date): Promise<void> {
  await tx
    .update(attendanceIntervals)
    .set({ leftAt: at, closedBy: 'leave' })
    .where(and(eq(attendanceIntervals.connectionId, connectionId), isNull(attendanceIntervals.leftAt)));
}

export async function insertInterval(tx: Executor, facts: IntervalFacts, at: Date): Promise<void> {
  await tx.insert(attendanceIntervals).values({ ...facts, joinedAt: at, lastSeenAt: at });
}

/** Closes a connection's open interval at `at` (never before it began); the events whose intervals closed. */
export async function closeIntervalRows(connectionId: string, reason: 'leave' | 'disconnect' | 'shutdown' | 'stale', at: Date): Promise<string[]> {
  const d = await db();
  const closed = await d
    .update(attendanceIntervals)
    .set({ leftAt: sql`greatest(${at.toISOString()}::timestamptz, ${attendanceIntervals.joinedAt})`, closedBy: reason })
    .where(and(eq(attendanceIntervals.connectionId, connectionId), isNull(attendanceIntervals.leftAt)))
    .returning({ eventId: attendanceIntervals.eventId });
  return closed.map((c) => c.eventId);
}

export async function touchIntervalRows(connectionIds: string[], at: Date): Promise<void> {
  const d = await db();
  await d
    .update(attendanceIntervals)
    .set({ lastSeenAt: at })
    .where(and(inArray(attendanceIntervals.connectionId, connectionIds), isNull(attendanceIntervals.leftAt)));
}

/** Closes the open intervals last vouched for before `staleBefore`, at that last moment; the events of each one closed. */
export async function closeStaleIntervalRows(staleBefore: Date): Promise<string[]> {
  const d = await db();
  const closed = await d
    .update(attendanceIntervals)
    .set({ leftAt: attendanceIntervals.lastSeenAt, closedBy: 'stale' })
    .where(and(isNull(attendanceIntervals.leftAt), lt(attendanceIntervals.lastSeenAt, staleBefore)))
    .returning({ eventId: attendanceIntervals.eventId });
  return closed.map((c) => c.eventId);
}

// ---- the live dashboard ----

export async function memberModes(eventId: string) {
  const d = await db();
  return d
    .select({ userId: eventMembers.userId, country: eventMembers.country, mode: eventMembers.attendanceMode })
    .from(eventMembers)
    .where(eq(eventMembers.eventId, eventId));
}

export async function checkedInOn(eventId: string, day: string) {
  const d = await db();
  return d
    .select({ userId: checkins.userId })
    .from(checkins)
    .where(and(eq(checkins.eventId, eventId), eq(checkins.day, day)));
}

/** People with an open interval in any session of the event. */
export async function onlineNow(eventId: string) {
  const d = await db();
  return d
    .selectDistinct({ userId: attendanceIntervals.userId })
    .from(attendanceIntervals)
    .where(and(eq(attendanceIntervals.eventId, eventId), isNull(attendanceIntervals.leftAt)));
}

export async function recentCheckinRows(eventId: string, day: string, limit: number) {
  const d = await db();
  return d
    .select({ userId: checkins.userId, name: users.name, country: eventMembers.country, checkedInAt: checkins.checkedInAt })
    .from(checkins)
    .innerJoin(users, eq(users.id, checkins.userId))
    .innerJoin(eventMembers, and(eq(eventMembers.eventId, checkins.eventId), eq(eventMembers.userId, checkins.userId)))
    .where(and(eq(checkins.eventId, eventId), eq(checkins.day, day)))
    .orderBy(desc(checkins.checkedInAt))
    .limit(limit);
}

/** Room scans since `since`, newest first. */
export async function roomScansSince(eventId: string, since: Date) {
  const d = await db();
  return d
    .select({ userId: roomScans.userId, name: users.name, venueRoom: roomScans.venueRoom, scannedAt: roomScans.scannedAt })
    .from(roomScans)
    .innerJoin(users, eq(users.id, roomScans.userId))
    .where(and(eq(roomScans.eventId, eventId), gte(roomScans.scannedAt, since)))
    .orderBy(desc(roomScans.scannedAt));
}

// ---- the report ----

export async function intervalsOf(eventId: string) {
  const d = await db();
  return d
    .select({
      userId: attendanceIntervals.userId,
      sessionId: attendanceIntervals.sessionId,
      joinedAt: attendanceIntervals.joinedAt,
      leftAt: attendanceIntervals.leftAt,
    })
    .from(attendanceIntervals)
    .where(eq(attendanceIntervals.eventId, eventId));
}

export async function checkinDaysOf(eventId: string) {
  const d = await db();
  return d.select({ userId: checkins.userId, day: checkins.day }).from(checkins).where(eq(checkins.eventId, eventId));
}

export async function roomScansOf(eventId: string) {
  const d = await db();
  return d
    .select({ userId: roomScans.userId, venueRoom: roomScans.venueRoom, scannedAt: roomScans.scannedAt })
    .from(roomScans)
    .where(eq(roomScans.eventId, eventId));
}

/** Every breakout stay of the event, as time in the programme session its run belongs to. */
export async function breakoutStaysOf(eventId: string) {
  const d = await db();
  return d
    .select({
      userId: breakoutAttendance.userId,
      sessionId: breakoutRuns.sessionId,
      joinedAt: breakoutAttendance.joinedAt,
      leftAt: breakoutAttendance.leftAt,
    })
    .from(breakoutAttendance)
    .innerJoin(breakoutRuns, eq(breakoutRuns.id, breakoutAttendance.runId))
    .where(eq(breakoutRuns.eventId, eventId));
}

/**
 * The raw rows behind the report's detail, narrowed to one session and/or one
 * person in the WHERE clause, so a participant's request never reads anyone else's.
 */
export async function attendanceEvidence(eventId: string, only: { sessionId?: string; userId?: string }) {
  const d = await db();
  const intervalWhere: SQL[] = [eq(attendanceIntervals.eventId, eventId)];
  const breakoutWhere: SQL[] = [eq(breakoutRuns.eventId, eventId)];
  const checkinWhere: SQL[] = [eq(checkins.eventId, eventId)];
  const scanWhere: SQL[] = [eq(roomScans.eventId, eventId)];
  if (only.sessionId) {
    intervalWhere.push(eq(attendanceIntervals.sessionId, only.sessionId));
    breakoutWhere.push(eq(breakoutRuns.sessionId, only.sessionId));
  }
  if (only.userId) {
    intervalWhere.push(eq(attendanceIntervals.userId, only.userId));
    breakoutWhere.push(eq(breakoutAttendance.userId, only.userId));
    checkinWhere.push(eq(checkins.userId, only.userId));
    scanWhere.push(eq(roomScans.userId, only.userId));
  }
  const [intervals, breakouts, days, scans] = await Promise.all([
    d
      .select({ userId: attendanceIntervals.userId, sessionId: attendanceIntervals.sessionId, joinedAt: attendanceIntervals.joinedAt, leftAt: attendanceIntervals.leftAt })
      .from(attendanceIntervals)
      .where(and(...intervalWhere)),
    d
      .select({
        userId: breakoutAttendance.userId,
        sessionId: breakoutRuns.sessionId,
        room: breakoutRooms.name,
        joinedAt: breakoutAttendance.joinedAt,
        leftAt: breakoutAttendance.leftAt,
      })
      .from(breakoutAttendance)
      .innerJoin(breakoutRuns, eq(breakoutRuns.id, breakoutAttendance.runId))
      .innerJoin(breakoutRooms, eq(breakoutRooms.id, breakoutAttendance.roomId))
      .where(and(...breakoutWhere)),
    d.select({ userId: checkins.userId, day: checkins.day, at: checkins.checkedInAt }).from(checkins).where(and(...checkinWhere)),
    d
      .select({ userId: roomScans.userId, room: roomScans.venueRoom, at: roomScans.scannedAt })
      .from(roomScans)
      .where(and(...scanWhere))
      .orderBy(asc(roomScans.scannedAt)),
  ]);
  return { intervals, breakouts, days, scans };
}
