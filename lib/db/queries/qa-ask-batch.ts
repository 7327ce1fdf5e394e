import { sql } from 'drizzle-orm';
import { qaQuestions } from '../schema';
import type { Executor } from './executor';

/**
 * Inserts the questions of one ask batch under their client-generated ids, in
 * the order they were asked; answers the ids that were new (another process
 * may hold one of them already). Within one transaction now() is one instant,
 * so each row's creation time is moved on by a microsecond per place: the
 * batch keeps its order wherever questions are listed by creation time.
 */
export async function insertQuestions(tx: Executor, rows: Omit<typeof qaQuestions.$inferInsert, 'createdAt' | 'updatedAt'>[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await tx
    .insert(qaQuestions)
    .values(rows.map((r, i) => ({ ...r, createdAt: sql`now() + ${`${i} microseconds`}::interval`, updatedAt: sql`now() + ${`${i} microseconds`}::interval` })))
    .onConflictDoNothing()
    .returning({ id: qaQuestions.id });
  return new Set(inserted.map((r) => r.id));
}
