import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { attendanceIntervals } from '../db/schema';
import { publishLiveCounts } from './attendance-live';

/**
 * Online attendance from the live connection. Each socket's stay in a session
 * is one interval; a person's minutes are the union of their intervals (see
 * lib/domain/attendance.ts), so tabs and reconnects never double-count.
 */
export interface JoinFacts {
  eventId: string;
  sessionId: string;
  userId: string;
  /** The socket id: one connection is in at most one session at a time. */
  connectionId: string;
}

export async function openInterval(facts: JoinFacts, at = new Date()): Promise<void> {
  const d = await db();
  await d.transaction(async (tx) => {
    // A socket that moves to another session leaves the first one now.
    await tx
      .update(attendanceIntervals)
      .set({ leftAt: at, closedBy: 'leave' })
      .where(and(eq(attendanceIntervals.connectionId, facts.connectionId), isNull(attendanceIntervals.leftAt)));
    await tx.insert(attendanceIntervals).values({ ...facts, joinedAt: at, lastSeenAt: at });
  });
  publishLiveCounts(facts.eventId);
}

export async function closeInterval(connectionId: string, reason: 'leave' | 'disconnect' | 'shutdown', at = new Date()): Promise<void> {
  const d = await db();
  const closed = await d
    .update(attendanceIntervals)
    .set({ leftAt: sql`greatest(${at.toISOString()}::timestamptz, ${attendanceIntervals.joinedAt})`, closedBy: reason })
    .where(and(eq(attendanceIntervals.connectionId, connectionId), isNull(attendanceIntervals.leftAt)))
    .returning({ eventId: attendanceIntervals.eventId });
  for (const eventId of new Set(closed.map((c) => c.eventId))) publishLiveCounts(eventId);
}

/** Marks the intervals of connections this process still holds as true up to `at`. */
export async function touchIntervals(connectionIds: string[], at = new Date()): Promise<void> {
  if (connectionIds.length === 0) return;
  const d = await db();
  await d
    .update(attendanceIntervals)
    .set({ lastSeenAt: at })
    .where(and(inArray(attendanceIntervals.connectionId, connectionIds), isNull(attendanceIntervals.leftAt)));
}

/**
 * Closes intervals nobody has vouched for since `staleBefore` (their process
 * crashed or was killed) at the last moment they were known to be true.
 */
export async function closeStaleIntervals(staleBefore: Date): Promise<number> {
  const d = await db();
  const closed = await d
    .update(attendanceIntervals)
    .set({ leftAt: attendanceIntervals.lastSeenAt, closedBy: 'stale' })
    .where(and(isNull(attendanceIntervals.leftAt), lt(attendanceIntervals.lastSeenAt, staleBefore)))
    .returning({ eventId: attendanceIntervals.eventId });
  for (const eventId of new Set(closed.map((c) => c.eventId))) publishLiveCounts(eventId);
  return closed.length;
}

export const HEARTBEAT_MS = 60_000;
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

/**
 * Keeps this process's open intervals fresh and closes other processes' stale
 * ones. Several processes may run it: each only vouches for its own sockets.
 */
export function startIntervalKeeper(localConnections: () => string[]): { stop(): Promise<void> } {
  const sweep = async () => {
    const now = new Date();
    await touchIntervals(localConnections(), now);
    await closeStaleIntervals(new Date(now.getTime() - STALE_AFTER_MS));
  };
  const run = () => sweep().catch((err: unknown) => console.error('[attendance] interval sweep failed', err));
  void run();
  const timer = setInterval(run, HEARTBEAT_MS);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      // A clean shutdown knows exactly when its people stopped being here.
      const now = new Date();
      for (const id of localConnections()) await closeInterval(id, 'shutdown', now);
    },
  };
}
