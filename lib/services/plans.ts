import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client';
import {
  actionPlanComments,
  actionPlanRevisions,
  actionPlans,
  actionPlanShares,
  breakoutCohortMembers,
  breakoutCohorts,
  eventMembers,
  users,
} from '../db/schema';
import { roleIn } from '../db/queries/programme';
import {
  EMPTY_PLAN,
  isPlanComplete,
  type PlanCommentInput,
  type PlanCommentView,
  type PlanContent,
  type SavePlan,
  type SavePlanResult,
  type SharePlan,
} from '../contracts/plans';
import { can } from '../domain/permissions';
import type { Role } from '../domain/roles';
import { DomainError, forbidden, notFound } from '../errors';
import { authorize } from './authorize';

export type PlanRow = typeof actionPlans.$inferSelect;

export interface PlanAccess {
  role: Role | null;
  isOwner: boolean;
  canRead: boolean;
  canComment: boolean;
  /** History, old versions and restore: the owner, and organizers reading any plan. */
  canSeeHistory: boolean;
}

/** Whether `a` and `b` share a breakout cohort of the event. */
async function shareCohort(eventId: string, a: string, b: string): Promise<boolean> {
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

/** Everything a person may do with one plan, read from the database (role, shares, cohorts) on every call. */
export async function planAccess(userId: string, plan: PlanRow): Promise<PlanAccess> {
  const role = await roleIn(plan.eventId, userId);
  const none = { role, isOwner: false, canRead: false, canComment: false, canSeeHistory: false };
  if (!can({ role }, 'plan:write-own')) return none;
  if (plan.ownerId === userId) return { role, isOwner: true, canRead: true, canComment: true, canSeeHistory: true };
  if (can({ role }, 'plan:view-all')) return { role, isOwner: false, canRead: true, canComment: true, canSeeHistory: true };
  let shared = plan.sharedWithFacilitators && can({ role }, 'plan:facilitate');
  if (!shared) {
    const d = await db();
    const [row] = await d
      .select({ userId: actionPlanShares.userId })
      .from(actionPlanShares)
      .where(and(eq(actionPlanShares.planId, plan.id), eq(actionPlanShares.userId, userId)));
    shared = Boolean(row);
  }
  if (!shared && plan.sharedWithCohort) shared = await shareCohort(plan.eventId, plan.ownerId, userId);
  return shared ? { role, isOwner: false, canRead: true, canComment: true, canSeeHistory: false } : none;
}

async function findPlan(planId: string): Promise<PlanRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(actionPlans).where(eq(actionPlans.id, planId));
  return row;
}

/** Loads a plan the caller may read; others get `not_found` (no hint the plan exists). */
export async function readablePlan(userId: string, planId: string): Promise<{ plan: PlanRow; access: PlanAccess }> {
  const plan = await findPlan(planId);
  if (!plan) throw notFound('plan');
  const access = await planAccess(userId, plan);
  if (!access.canRead) throw notFound('plan');
  return { plan, access };
}

export async function getOwnPlan(userId: string, eventId: string): Promise<PlanRow | undefined> {
  await authorize(userId, eventId, 'plan:write-own');
  const d = await db();
  const [row] = await d.select().from(actionPlans).where(and(eq(actionPlans.eventId, eventId), eq(actionPlans.ownerId, userId)));
  return row;
}

/**
 * An autosave. Idempotent by revision id: a retry of a save that was applied
 * returns the same result. A save whose base version is not the current one
 * (another tab saved in between) changes nothing and returns the current text,
 * so the editor can tell the person instead of overwriting.
 */
export async function savePlan(userId: string, input: SavePlan, restoredFrom: number | null = null): Promise<SavePlanResult> {
  await authorize(userId, input.eventId, 'plan:write-own');
  const d = await db();
  return d.transaction(async (tx) => {
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
      .where(eq(actionPlanRevisions.id, input.revisionId));
    if (done && (done.ownerId !== userId || done.eventId !== input.eventId)) throw new DomainError('conflict', 'plans.revisionIdUsed');
    if (done) return { status: 'saved', planId: done.planId, version: done.version, savedAt: done.createdAt.toISOString() };

    const now = new Date();
    let plan: PlanRow | undefined;
    if (input.baseVersion === 0) {
      [plan] = await tx
        .insert(actionPlans)
        .values({ eventId: input.eventId, ownerId: userId, content: input.content, version: 1, updatedAt: now })
        .onConflictDoNothing()
        .returning();
    } else {
      [plan] = await tx
        .update(actionPlans)
        .set({ content: input.content, version: sql`${actionPlans.version} + 1`, updatedAt: now })
        .where(and(eq(actionPlans.eventId, input.eventId), eq(actionPlans.ownerId, userId), eq(actionPlans.version, input.baseVersion)))
        .returning();
    }
    if (!plan) {
      const [current] = await tx
        .select()
        .from(actionPlans)
        .where(and(eq(actionPlans.eventId, input.eventId), eq(actionPlans.ownerId, userId)));
      if (!current) throw new DomainError('conflict', 'plans.notCreatedYet');
      return { status: 'conflict', planId: current.id, version: current.version, content: current.content, savedAt: current.updatedAt.toISOString() };
    }
    await tx
      .insert(actionPlanRevisions)
      .values({ id: input.revisionId, planId: plan.id, version: plan.version, content: input.content, authorId: userId, restoredFrom, createdAt: now });
    return { status: 'saved', planId: plan.id, version: plan.version, savedAt: now.toISOString() };
  });
}

export interface PlanVersionSummary {
  version: number;
  savedAt: Date;
  restoredFrom: number | null;
}

// Autosave writes a revision every few seconds of typing; history shows the last
// revision of each burst of editing (the next one came more than this much later).
const CHECKPOINT_GAP_MS = 2 * 60 * 1000;

export async function listVersions(userId: string, planId: string, options: { every?: boolean } = {}): Promise<PlanVersionSummary[]> {
  const { access } = await readablePlan(userId, planId);
  if (!access.canSeeHistory) throw forbidden();
  const d = await db();
  const rows = await d
    .select({ version: actionPlanRevisions.version, savedAt: actionPlanRevisions.createdAt, restoredFrom: actionPlanRevisions.restoredFrom })
    .from(actionPlanRevisions)
    .where(eq(actionPlanRevisions.planId, planId))
    .orderBy(asc(actionPlanRevisions.version));
  const checkpoints = rows.filter((r, i) => {
    const next = rows[i + 1];
    return options.every || !next || r.restoredFrom !== null || next.savedAt.getTime() - r.savedAt.getTime() > CHECKPOINT_GAP_MS;
  });
  return checkpoints.reverse();
}

export async function getVersion(userId: string, planId: string, version: number) {
  const { plan, access } = await readablePlan(userId, planId);
  if (!access.canSeeHistory) throw forbidden();
  const d = await db();
  const [row] = await d
    .select()
    .from(actionPlanRevisions)
    .where(and(eq(actionPlanRevisions.planId, planId), eq(actionPlanRevisions.version, version)));
  if (!row) throw notFound('version');
  return { plan, revision: row };
}

/** Restoring is a new save of the old text on top of the current version (history is never rewritten). */
export async function restoreVersion(userId: string, planId: string, version: number, revisionId: string): Promise<SavePlanResult> {
  const { plan, revision } = await getVersion(userId, planId, version);
  if (plan.ownerId !== userId) throw forbidden('plans.onlyAuthorRestores');
  return savePlan(userId, { eventId: plan.eventId, revisionId, baseVersion: plan.version, content: revision.content }, version);
}

export async function sharePlan(userId: string, input: SharePlan): Promise<void> {
  const plan = await findPlan(input.planId);
  if (!plan || plan.ownerId !== userId) throw notFound('plan');
  await authorize(userId, plan.eventId, 'plan:write-own');
  const d = await db();
  const wanted = [...new Set(input.userIds)].filter((id) => id !== userId);
  await d.transaction(async (tx) => {
    const members = wanted.length
      ? await tx
          .select({ userId: eventMembers.userId })
          .from(eventMembers)
          .where(and(eq(eventMembers.eventId, plan.eventId), inArray(eventMembers.userId, wanted)))
      : [];
    if (members.length !== wanted.length) throw new DomainError('invalid_payload', 'plans.shareMembersOnly');
    await tx
      .update(actionPlans)
      .set({ sharedWithFacilitators: input.withFacilitators, sharedWithCohort: input.withCohort })
      .where(eq(actionPlans.id, plan.id));
    await tx.delete(actionPlanShares).where(eq(actionPlanShares.planId, plan.id));
    if (wanted.length) await tx.insert(actionPlanShares).values(wanted.map((id) => ({ planId: plan.id, userId: id })));
  });
}

export async function listShares(planId: string): Promise<string[]> {
  const d = await db();
  const rows = await d.select({ userId: actionPlanShares.userId }).from(actionPlanShares).where(eq(actionPlanShares.planId, planId));
  return rows.map((r) => r.userId);
}

/**
 * Idempotent by the client's comment id; a retried comment is not posted twice.
 * Returns the stored comment once the insert has committed (it runs outside any
 * transaction), so a caller may announce it right away.
 */
export async function addComment(userId: string, input: PlanCommentInput): Promise<PlanCommentView> {
  const { plan, access } = await readablePlan(userId, input.planId);
  if (!access.canComment) throw forbidden();
  const d = await db();
  const inserted = await d
    .insert(actionPlanComments)
    .values({ id: input.id, planId: plan.id, section: input.section, authorId: userId, body: input.body })
    .onConflictDoNothing()
    .returning({ planId: actionPlanComments.planId, authorId: actionPlanComments.authorId });
  if (inserted.length === 0) {
    const [existing] = await d.select().from(actionPlanComments).where(eq(actionPlanComments.id, input.id));
    if (!existing || existing.planId !== plan.id || existing.authorId !== userId) throw new DomainError('conflict', 'plans.commentIdTaken');
  }
  const [view] = await commentRows(eq(actionPlanComments.id, input.id));
  return toCommentView(view!);
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

type CommentRow = Awaited<ReturnType<typeof commentRows>>[number];
const toCommentView = (r: CommentRow): PlanCommentView => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function listComments(userId: string, planId: string) {
  await readablePlan(userId, planId);
  return commentRows(eq(actionPlanComments.planId, planId));
}

/** The comments of a plan in their wire form, for a reader (same read rule as the pages). */
export async function listCommentViews(userId: string, planId: string): Promise<PlanCommentView[]> {
  return (await listComments(userId, planId)).map(toCommentView);
}

/**
 * Which of `userIds` may read the plan now, from the database (the same
 * `planAccess` the pages use). Live notices are sent only to them: shares,
 * roles and cohorts change while pages stay open.
 */
export async function currentReaders(planId: string, userIds: string[]): Promise<Set<string>> {
  const plan = await findPlan(planId);
  const readers = new Set<string>();
  if (!plan) return readers;
  for (const id of new Set(userIds)) if ((await planAccess(id, plan)).canRead) readers.add(id);
  return readers;
}

/** The other people's plans the caller may read, scoped in the WHERE clause. */
export async function listReadablePlans(userId: string, eventId: string) {
  const role = await authorize(userId, eventId, 'plan:write-own');
  const conditions: SQL[] = [
    sql`exists (select 1 from ${actionPlanShares} s where s.plan_id = ${actionPlans.id} and s.user_id = ${userId})`,
    sql`(${actionPlans.sharedWithCohort} and exists (
      select 1 from ${breakoutCohortMembers} mo
      join ${breakoutCohorts} c on c.id = mo.cohort_id and c.event_id = ${eventId}
      join ${breakoutCohortMembers} me on me.cohort_id = c.id and me.user_id = ${userId}
      where mo.user_id = ${actionPlans.ownerId}))`,
  ];
  if (can({ role }, 'plan:facilitate')) conditions.push(eq(actionPlans.sharedWithFacilitators, true));
  const d = await db();
  return d
    .select({ plan: actionPlans, ownerName: users.name, country: eventMembers.country })
    .from(actionPlans)
    .innerJoin(users, eq(users.id, actionPlans.ownerId))
    .leftJoin(eventMembers, and(eq(eventMembers.eventId, actionPlans.eventId), eq(eventMembers.userId, actionPlans.ownerId)))
    .where(
      and(
        eq(actionPlans.eventId, eventId),
        ne(actionPlans.ownerId, userId),
        can({ role }, 'plan:view-all') ? undefined : or(...conditions),
      ),
    )
    .orderBy(asc(users.name));
}

export interface CountryCompletion {
  country: string | null;
  participants: number;
  started: number;
  complete: number;
}

/** Per country: participants, plans started, plans complete (every section filled). */
export async function completionByCountry(userId: string, eventId: string): Promise<CountryCompletion[]> {
  await authorize(userId, eventId, 'plan:view-all');
  const d = await db();
  const rows = await d
    .select({ country: eventMembers.country, content: actionPlans.content })
    .from(eventMembers)
    .leftJoin(actionPlans, and(eq(actionPlans.eventId, eventMembers.eventId), eq(actionPlans.ownerId, eventMembers.userId)))
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.role, 'participant')));
  const byCountry = new Map<string | null, CountryCompletion>();
  for (const r of rows) {
    const c = byCountry.get(r.country) ?? { country: r.country, participants: 0, started: 0, complete: 0 };
    c.participants++;
    if (r.content) c.started++;
    if (r.content && isPlanComplete(r.content)) c.complete++;
    byCountry.set(r.country, c);
  }
  return [...byCountry.values()].sort((a, b) => (a.country ?? '~').localeCompare(b.country ?? '~'));
}

/** Every plan of the event with its author, for the organizer's download. */
export async function listAllPlans(userId: string, eventId: string) {
  await authorize(userId, eventId, 'plan:view-all');
  const d = await db();
  return d
    .select({ plan: actionPlans, ownerName: users.name, country: eventMembers.country, organisation: eventMembers.organisation })
    .from(actionPlans)
    .innerJoin(users, eq(users.id, actionPlans.ownerId))
    .leftJoin(eventMembers, and(eq(eventMembers.eventId, actionPlans.eventId), eq(eventMembers.userId, actionPlans.ownerId)))
    .where(eq(actionPlans.eventId, eventId))
    .orderBy(asc(eventMembers.country), asc(users.name));
}

export async function listShareCandidates(userId: string, eventId: string) {
  await authorize(userId, eventId, 'plan:write-own');
  const d = await db();
  return d
    .select({ userId: users.id, name: users.name, role: eventMembers.role, country: eventMembers.country })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(and(eq(eventMembers.eventId, eventId), ne(eventMembers.userId, userId)))
    .orderBy(desc(sql`${eventMembers.role} in ('organizer', 'moderator')`), asc(users.name));
}

/** The cohorts (breakout groups) the person belongs to in this event. */
export async function myCohorts(userId: string, eventId: string) {
  const d = await db();
  return d
    .select({ id: breakoutCohorts.id, name: breakoutCohorts.name })
    .from(breakoutCohorts)
    .innerJoin(breakoutCohortMembers, eq(breakoutCohortMembers.cohortId, breakoutCohorts.id))
    .where(and(eq(breakoutCohorts.eventId, eventId), eq(breakoutCohortMembers.userId, userId)));
}

export const emptyPlan = (): PlanContent => structuredClone(EMPTY_PLAN);
