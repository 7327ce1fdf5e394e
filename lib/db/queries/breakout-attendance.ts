import { and, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../client';
import { breakoutAttendance } from '../schema';
import { inlineBooleanArray, inlineTimestamp, inlineUuidArray } from './bulk';

/*
 * Breakout attendance: one row per stay of a person in a room (leftAt null
 * while there), written by the realtime layer as sockets enter and leave.
 */

/**
 * Opens stays (one per person and room) unless one is open already; one
 * statement for many people, because everyone enters at once when rooms open.
 * The ids are written into the statement (checked uuids): it is sent while the
 * process is busiest, telling hundreds of sockets, and a statement with
 * parameters would first wait there for a round trip describing them.
 */
export async function openStays(stays: Array<{ runId: string; roomId: string; userId: string; visitor: boolean }>): Promise<void> {
  if (!stays.length) return;
  const d = await db();
  await d.execute(sql`
    insert into breakout_attendance (run_id, room_id, user_id, visitor)
    select distinct on (v.room_id, v.user_id) v.run_id, v.room_id, v.user_id, v.visitor
    from unnest(${inlineUuidArray(stays.map((s) => s.runId))}, ${inlineUuidArray(stays.map((s) => s.roomId))}, ${inlineUuidArray(stays.map((s) => s.userId))}, ${inlineBooleanArray(stays.map((s) => s.visitor))})
      as v(run_id, room_id, user_id, visitor)
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

export async function openStaysOf(runId: string) {
  const d = await db();
  return d
    .select({ roomId: breakoutAttendance.roomId, userId: breakoutAttendance.userId })
    .from(breakoutAttendance)
    .where(and(eq(breakoutAttendance.runId, runId), isNull(breakoutAttendance.leftAt)));
}

/** Ends the open stays of these people in these rooms, in one statement (a push moves many people at once). */
export async function closeStays(stays: Array<{ roomId: string; userId: string }>, at = new Date()): Promise<void> {
  if (!stays.length) return;
  const d = await db();
  await d.execute(sql`
    update breakout_attendance a set left_at = greatest(${inlineTimestamp(at)}, a.joined_at)
    from unnest(${inlineUuidArray(stays.map((s) => s.roomId))}, ${inlineUuidArray(stays.map((s) => s.userId))}) as v(room_id, user_id)
    where a.room_id = v.room_id and a.user_id = v.user_id and a.left_at is null`);
}
