import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { qaMutations, users } from '../schema';
import type { Executor } from './executor';

// What the group commits of votes and asks share: the mutation ids that make retries idempotent, and the
// per-person locks and counts behind the exact rate limit.

/** The Q&A mutation ids among `ids` already recorded, with who made them and what kind they were. */
export async function recordedMutations(tx: Executor, ids: string[]) {
  if (!ids.length) return [];
  return tx.select({ id: qaMutations.id, userId: qaMutations.userId, kind: qaMutations.kind }).from(qaMutations).where(inArray(qaMutations.id, ids));
}

/** Locks the rows of the people in a batch (voters, askers), in id order so two batches in two processes cannot deadlock. */
export async function lockPeople(tx: Executor, userIds: string[]): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds)).orderBy(asc(users.id)).for('update');
}

/** Each person's changes of `kind` in the last minute, for the per-person rate limit. */
export async function recentMutationCounts(tx: Executor, userIds: string[], kind: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ userId: qaMutations.userId, n: count() })
    .from(qaMutations)
    .where(and(inArray(qaMutations.userId, userIds), eq(qaMutations.kind, kind), gt(qaMutations.createdAt, sql`now() - interval '1 minute'`)))
    .groupBy(qaMutations.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

/** Records mutation ids; answers those that were new (another process may have recorded one meanwhile). */
export async function recordMutations(tx: Executor, rows: { id: string; userId: string; kind: string }[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await tx.insert(qaMutations).values(rows).onConflictDoNothing().returning({ id: qaMutations.id });
  return new Set(inserted.map((r) => r.id));
}
