import { lt, sql } from 'drizzle-orm';
import { db } from '../client';
import { authThrottle } from '../schema';

// The database's throttle counts (lib/auth/throttle.ts, when no Redis is configured): one row per key.

const staleAfter = (windowMs: number) => sql`now() - make_interval(secs => ${windowMs / 1000})`;

export async function findThrottleCount(key: string) {
  const d = await db();
  const [row] = await d.select().from(authThrottle).where(sql`${authThrottle.key} = ${key}`);
  return row;
}

/**
 * Counts one attempt in one statement: a count older than the window starts
 * again at 1. The conflict branch runs under the row's lock, so concurrent hits
 * are applied one after another and each reads the previous one's time
 * (auth_throttle.last_hit_at is the old row).
 */
export async function hitThrottleCount(key: string, windowMs: number) {
  const d = await db();
  const fresh = sql`${authThrottle.lastHitAt} < ${staleAfter(windowMs)}`;
  const [row] = await d
    .insert(authThrottle)
    .values({ key, hits: 1, lastHitAt: sql`now()`, previousHitAt: null })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        hits: sql`case when ${fresh} then 1 else ${authThrottle.hits} + 1 end`,
        previousHitAt: sql`case when ${fresh} then null else ${authThrottle.lastHitAt} end`,
        lastHitAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

/** Deletes the counts whose window has passed. */
export async function deleteStaleThrottleCounts(windowMs: number): Promise<void> {
  const d = await db();
  await d.delete(authThrottle).where(lt(authThrottle.lastHitAt, staleAfter(windowMs)));
}

/** Takes one attempt back, never below zero. */
export async function unhitThrottleCount(key: string): Promise<void> {
  const d = await db();
  await d
    .update(authThrottle)
    .set({ hits: sql`greatest(${authThrottle.hits} - 1, 0)` })
    .where(sql`${authThrottle.key} = ${key}`);
}

export async function deleteThrottleCount(key: string): Promise<void> {
  const d = await db();
  await d.delete(authThrottle).where(sql`${authThrottle.key} = ${key}`);
}
