import type { Executor } from '../db/queries/qa';
import { lockPerson, recentMutationCount } from '../db/queries/qa';

export const QA_LIMITS = { questionsPerMinute: 5, votesPerMinute: 60 } as const;

export type RateLimitedKind = 'ask' | 'vote';
const LIMIT: Record<RateLimitedKind, number> = { ask: QA_LIMITS.questionsPerMinute, vote: QA_LIMITS.votesPerMinute };

/**
 * Whether `userId` may make one more change of `kind` now, counted from the
 * changes of the last minute already recorded in qa_mutations. The count
 * lives in the database, so every Balai process behind one Redis enforces one
 * limit (a per-process counter let each process allow the full limit), and
 * the person's row is locked for the transaction so two processes racing for
 * the last slot take turns. Call it inside the transaction that records the
 * change: a refused change then records nothing.
 */
export async function withinRateLimit(tx: Executor, userId: string, kind: RateLimitedKind): Promise<boolean> {
  await lockPerson(tx, userId);
  return (await recentMutationCount(tx, userId, kind)) < LIMIT[kind];
}
