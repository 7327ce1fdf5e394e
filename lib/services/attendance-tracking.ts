import { db } from '../db/client';
import { closeIntervalRows, closeStaleIntervalRows, insertInterval, leaveOpenInterval, touchIntervalRows } from '../db/queries/attendance';
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
    await leaveOpenInterval(tx, facts.connectionId, at);
    await insertInterval(tx, facts, at);
  });
  publishLiveCounts(facts.eventId);
}

export async function closeInterval(connectionId: string, reason: 'leave' | 'disconnect' | 'shutdown' | 'stale', at = new Date()): Promise<void> {
  const closed = await closeIntervalRows(connectionId, reason, at);
  for (const eventId of new Set(closed)) publishLiveCounts(eventId);
}

/** Marks the intervals of connections this process still holds as true up to `at`. */
export async function touchIntervals(connectionIds: string[], at = new Date()): Promise<void> {
  if (connectionIds.length === 0) return;
  await touchIntervalRows(connectionIds, at);
}

/**
 * Closes intervals nobody has vouched for since `staleBefore` (their process
 * crashed or was killed) at the last moment they were known to be true.
 */
export async function closeStaleIntervals(staleBefore: Date): Promise<number> {
  const closed = await closeStaleIntervalRows(staleBefore);
  for (const eventId of new Set(closed)) publishLiveCounts(eventId);
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
