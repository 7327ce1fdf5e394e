import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '../client';
import { breakoutCohortMembers, breakoutCohorts } from '../schema';
import type { Executor } from './executor';

/** Groups prepared from an event's roster that meet again in later breakouts (their notes kept on the cohort). */
export type CohortRow = typeof breakoutCohorts.$inferSelect;

export async function cohortsById(ids: string[], ex?: Executor): Promise<Map<string, CohortRow>> {
  if (!ids.length) return new Map();
  const d = ex ?? (await db());
  const rows = await d.select().from(breakoutCohorts).where(inArray(breakoutCohorts.id, ids));
  return new Map(rows.map((c) => [c.id, c]));
}

export async function cohortsOfEvent(eventId: string): Promise<CohortRow[]> {
  const d = await db();
  return d.select().from(breakoutCohorts).where(eq(breakoutCohorts.eventId, eventId)).orderBy(asc(breakoutCohorts.name));
}

export async function cohortMembersOf(cohortIds: string[], ex?: Executor): Promise<Array<{ cohortId: string; userId: string }>> {
  if (!cohortIds.length) return [];
  const d = ex ?? (await db());
  return d.select().from(breakoutCohortMembers).where(inArray(breakoutCohortMembers.cohortId, cohortIds));
}

/** A new cohort; undefined when the event has one of that name. */
export async function insertCohort(tx: Executor, values: { eventId: string; name: string; inHallTable: boolean }): Promise<CohortRow | undefined> {
  const [row] = await tx.insert(breakoutCohorts).values(values).onConflictDoNothing().returning();
  return row;
}

/** Renames a cohort of the event; undefined when the event has no such cohort. */
export async function updateCohort(tx: Executor, eventId: string, cohortId: string, values: { name: string; inHallTable: boolean }): Promise<CohortRow | undefined> {
  const [row] = await tx
    .update(breakoutCohorts)
    .set(values)
    .where(and(eq(breakoutCohorts.id, cohortId), eq(breakoutCohorts.eventId, eventId)))
    .returning();
  return row;
}

export async function replaceCohortMembers(tx: Executor, cohortId: string, userIds: string[]): Promise<void> {
  await tx.delete(breakoutCohortMembers).where(eq(breakoutCohortMembers.cohortId, cohortId));
  if (userIds.length) await tx.insert(breakoutCohortMembers).values(userIds.map((userId) => ({ cohortId, userId })));
}
