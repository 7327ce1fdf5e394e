import { and, asc, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../client';
import { actionPlanComments, actionPlanRevisions, actionPlans, actionPlanShares, breakoutCohortMembers, breakoutCohorts, eventMembers, users } from '../schema';
import type { Executor } from './executor';

export type PlanRow = typeof actionPlans.$inferSelect;

/** Whether `a` and `b` share a breakout cohort of the event. */
export async function shareCohort(eventId: string, a: string, b: string): Promise<boolean> {
  const d = await db();
  const [row] = await d
    .select({ id: breakoutCohorts.id })
    .from(breakoutCohorts)
    .innerJoin(breakoutCohortMembers, eq(breakoutCohortMembers.cohortId, breakoutCohorts.id))
    .where(
      and(
        eq(breakoutCohorts.eventId, eventId),
        eq(breakoutCohortMembers.userId, a),
        sql`exists (select 1 from ${breakoutCohortMembers} m2 where m2.cohort_id = ${breakoutCohorts.id} and m2.user_id = ${b})`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Whether the plan's owner shared it with this person by name. */
export async function isSharedWith(planId: string, userId: string): Promise<boolean> {
  const d = await db();
  const [row] = await d
    .select({ userId: actionPlanShares.userId })
    .from(actionPlanShares)
    .where(and(eq(actionPlanShares.planId, planId), eq(actionPlanShares.userId, userId)));
  return Boolean(row);
}

export async function findPlan(planId: string): Promise<PlanRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(actionPlans).where(eq(actionPlans.id, planId));
  return row;
}

/** A person's own plan in an event (there is at most one); `ex`: inside the caller's transaction. */
export async function findOwnPlan(eventId: string, ownerId: string, ex?: Executor): Promise<PlanRow | undefined> {
  const d = ex ?? (await db());
  const [row] = await d.select().from(actionPlans).where(and(eq(actionPlans.eventId, eventId), eq(actionPlans.ownerId, ownerId)));
  return row;
}

/** A person's own plan in an event, locked until the transaction ends (edits to it wait). */
export async function lockOwnPlan(tx: Executor, eventId: string, ownerId: string): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(actionPlans).where(and(eq(actionPlans.eventId, eventId), eq(actionPlans.ownerId, ownerId))).for('update');
  return row;
}

/** A saved revision by its client-generated id, with its plan's owner and event (a retried save finds it). */
export async function findRevision(tx: Executor, revisionId: string) {
  const [done] = await tx
    .select({
      version: actionPlanRevisions.version,
      planId: actionPlanRevisions.planId,
      createdAt: actionPlanRevisions.createdAt,
      ownerId: actionPlans.ownerId,
      eventId: actionPlans.eventId,
    })
    .from(actionPlanRevisions)
    .innerJoin(actionPlans, eq(actionPlans.id, actionPlanRevisions.planId))
    .where(eq(actionPlanRevisions.id, revisionId));
  return done;
}

/** Creates a person's plan at version 1; undefined when they have one already. */
export async function insertPlan(tx: Executor, values: { eventId: string; ownerId: string; content: PlanRow['content']; updatedAt: Date }): Promise<PlanRow | undefined> {
  const [plan] = await tx
    .insert(actionPlans)
    .values({ ...values, version: 1 })
    .onConflictDoNothing()
    .returning();
  return plan;
}

/** Saves new content over `baseVersion`; undefined when the plan is at another version (another tab saved in between). */
export async function updatePlanAtVersion(
  tx: Executor,
  key: { eventId: string; ownerId: string; baseVersion: number },
  content: PlanRow['content'],
  updatedAt: Date,
): Promise<PlanRow | undefined> {
  const [plan] = await tx
    .update(actionPlans)
    .set({ content, version: sql`${actionPlans.version} + 1`, updatedAt })
    .where(and(eq(actionPlans.eventId, key.eventId), eq(actionPlans.ownerId, key.ownerId), eq(actionPlans.version, key.baseVersion)))
    .returning();
  return plan;
}

export async function insertRevision(tx: Executor, values: typeof actionPlanRevisions.$inferInsert): Promise<void> {
  await tx.insert(actionPlanRevisions).values(values);
}

export async function revisionSummaries(planId: string) {
  const d = await db();
  return d
    .select({ version: actionPlanRevisions.version, savedAt: actionPlanRevisions.createdAt, restoredFrom: actionPlanRevisions.restoredFrom })
    .from(actionPlanRevisions)
    .where(eq(actionPlanRevisions.planId, planId))
    .orderBy(asc(actionPlanRevisions.version));
}

export async function findRevisionByVersion(planId: string, version: number) {
  const d = await db();
  const [row] = await d
    .select()
    .from(actionPlanRevisions)
    .where(and(eq(actionPlanRevisions.planId, planId), eq(actionPlanRevisions.version, version)));
  return row;
}

/** Sets who a plan is shared with: the two group flags and, replacing the old list, these people. */
export async function replacePlanSharing(tx: Executor, planId: string, flags: { sharedWithFacilitators: boolean; sharedWithCohort: boolean }, userIds: string[]): Promise<void> {
  await tx.update(actionPlans).set(flags).where(eq(actionPlans.id, planId));
  await tx.delete(actionPlanShares).where(eq(actionPlanShares.planId, planId));
  if (userIds.length) await tx.insert(actionPlanShares).values(userIds.map((id) => ({ planId, userId: id })));
}

export async function shareUserIds(planId: string): Promise<string[]> {
  const d = await db();
  const rows = await d.select({ userId: actionPlanShares.userId }).from(actionPlanShares).where(eq(actionPlanShares.planId, planId));
  return rows.map((r) => r.userId);
}

/** Posts a comment under its client-generated id; false when that id exists already. */
export async function insertComment(values: typeof actionPlanComments.$inferInsert): Promise<boolean> {
  const d = await db();
  const inserted = await d
    .insert(actionPlanComments)
    .values(values)
    .onConflictDoNothing()
    .returning({ planId: actionPlanComments.planId, authorId: actionPlanComments.authorId });
  return inserted.length > 0;
}

export async function findComment(id: string) {
  const d = await db();
  const [existing] = await d.select().from(actionPlanComments).where(eq(actionPlanComments.id, id));
  return existing;
}

function commentRows(where: SQL) {
  return db().then((d) =>
    d
      .select({
        id: actionPlanComments.id,
        planId: actionPlanComments.planId,
        section: actionPlanComments.section,
        body: actionPlanComments.body,
        createdAt: actionPlanComments.createdAt,
        authorName: users.name,
      })
      .from(actionPlanComments)
      .leftJoin(users, eq(users.id, actionPlanComments.authorId))
      .where(where)
      .orderBy(asc(actionPlanComments.createdAt)),
  );
}

export type CommentRow = Awaited<ReturnType<typeof commentRows>>[number];

export const commentById = (id: string) => commentRows(eq(actionPlanComments.id, id));
export const commentsOfPlan = (planId: string) => commentRows(eq(actionPlanComments.planId, planId));

/**
 * The other people's plans a person may read, scoped in the WHERE clause:
 * all of them with `viewAll`; else those shared with them by name, with their
 * cohort, or (with `facilitate`) with facilitators.
 */
export async function readablePlansOf(eventId: string, userId: string, may: { viewAll: boolean; facilitate: boolean }) {
  const conditions: SQL[] = [
    sql`exists (select 1 from ${actionPlanShares} s where s.plan_id = ${actionPlans.id} and s.user_id = ${userId})`,
    sql`(${actionPlans.sharedWithCohort} and exists (
      select 1 from ${breakoutCohortMembers} mo
      join ${breakoutCohorts} c on c.id = mo.cohort_id and c.event_id = ${eventId}
      join ${breakoutCohortMembers} me on me.cohort_id = c.id and me.user_id = ${userId}
      where mo.user_id = ${actionPlans.ownerId}))`,
  ];
  if (may.facilitate) conditions.push(eq(actionPlans.sharedWithFacilitators, true));
  const d = await db();
  return d
    .select({ plan: actionPlans, ownerName: users.name, country: eventMembers.country })
    .from(actionPlans)
    .innerJoin(users, eq(users.id, actionPlans.ownerId))
    .leftJoin(eventMembers, and(eq(eventMembers.eventId, actionPlans.eventId), eq(eventMembers.userId, actionPlans.ownerId)))
    .where(and(eq(actionPlans.eventId, eventId), ne(actionPlans.ownerId, userId), may.viewAll ? undefined : or(...conditions)))
    .orderBy(asc(users.name));
}

/** Each participant's country with their plan's content (null: not started). */
export async function participantPlanContents(eventId: string) {
  const d = await db();
  return d
    .select({ country: eventMembers.country, content: actionPlans.content })
    .from(eventMembers)
    .leftJoin(actionPlans, and(eq(actionPlans.eventId, eventMembers.eventId), eq(actionPlans.ownerId, eventMembers.userId)))
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.role, 'participant')));
}

export async function allPlansOf(eventId: string) {
  const d = await db();
  return d
    .select({ plan: actionPlans, ownerName: users.name, country: eventMembers.country, organisation: eventMembers.organisation })
    .from(actionPlans)
    .innerJoin(users, eq(users.id, actionPlans.ownerId))
    .leftJoin(eventMembers, and(eq(eventMembers.eventId, actionPlans.eventId), eq(eventMembers.userId, actionPlans.ownerId)))
    .where(eq(actionPlans.eventId, eventId))
    .orderBy(asc(eventMembers.country), asc(users.name));
}

/** The other members a plan can be shared with, staff first, then by name. */
export async function shareCandidates(eventId: string, userId: string) {
  const d = await db();
  return d
    .select({ userId: users.id, name: users.name, role: eventMembers.role, country: eventMembers.country })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(and(eq(eventMembers.eventId, eventId), ne(eventMembers.userId, userId)))
    .orderBy(desc(sql`${eventMembers.role} in ('organizer', 'moderator')`), asc(users.name));
}

/** The cohorts (breakout groups) the person belongs to in this event. */
export async function cohortsOf(eventId: string, userId: string) {
  const d = await db();
  return d
    .select({ id: breakoutCohorts.id, name: breakoutCohorts.name })
    .from(breakoutCohorts)
    .innerJoin(breakoutCohortMembers, eq(breakoutCohortMembers.cohortId, breakoutCohorts.id))
    .where(and(eq(breakoutCohorts.eventId, eventId), eq(breakoutCohortMembers.userId, userId)));
}
