import { db } from '../db/client';
import { membersAmong } from '../db/queries/members';
import {
  allPlansOf,
  cohortsOf,
  commentById,
  commentsOfPlan,
  findComment,
  findOwnPlan,
  findPlan,
  findRevision,
  findRevisionByVersion,
  insertComment,
  insertPlan,
  insertRevision,
  isSharedWith,
  participantPlanContents,
  readablePlansOf,
  replacePlanSharing,
  revisionSummaries,
  shareCandidates,
  shareCohort,
  shareUserIds,
  updatePlanAtVersion,
  type CommentRow,
  type PlanRow,
} from '../db/queries/plans';
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
import { actorIn, authorize } from './authorize';

export type { PlanRow };

export interface PlanAccess {
  role: Role | null;
  isOwner: boolean;
  canRead: boolean;
  canComment: boolean;
  /** History, old versions and restore: the owner, and organizers reading any plan. */
  canSeeHistory: boolean;
}

/**
 * Everything a person may do with one plan, read from the database (role, shares, cohorts) on every call.
 * `known`: the role the realtime pipeline already resolved for this request (null: not a member).
 */
export async function planAccess(userId: string, plan: PlanRow, known?: Role | null): Promise<PlanAccess> {
  const role = known !== undefined ? known : (await actorIn(userId, plan.eventId)).role;
  const none = { role, isOwner: false, canRead: false, canComment: false, canSeeHistory: false };
  if (!can({ role }, 'plan:write-own')) return none;
  if (plan.ownerId === userId) return { role, isOwner: true, canRead: true, canComment: true, canSeeHistory: true };
  if (can({ role }, 'plan:view-all')) return { role, isOwner: false, canRead: true, canComment: true, canSeeHistory: true };
  let shared = plan.sharedWithFacilitators && can({ role }, 'plan:facilitate');
  if (!shared) shared = await isSharedWith(plan.id, userId);
  if (!shared && plan.sharedWithCohort) shared = await shareCohort(plan.eventId, plan.ownerId, userId);
  return shared ? { role, isOwner: false, canRead: true, canComment: true, canSeeHistory: false } : none;
}

/** Loads a plan the caller may read; others get `not_found` (no hint the plan exists). */
export async function readablePlan(userId: string, planId: string, role?: Role | null): Promise<{ plan: PlanRow; access: PlanAccess }> {
  const plan = await findPlan(planId);
  if (!plan) throw notFound('plan');
  const access = await planAccess(userId, plan, role);
  if (!access.canRead) throw notFound('plan');
  return { plan, access };
}

export async function getOwnPlan(userId: string, eventId: string): Promise<PlanRow | undefined> {
  await authorize(userId, eventId, 'plan:write-own');
  return findOwnPlan(eventId, userId);
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
    const done = await findRevision(tx, input.revisionId);
    if (done && (done.ownerId !== userId || done.eventId !== input.eventId)) throw new DomainError('conflict', 'plans.revisionIdUsed');
    if (done) return { status: 'saved', planId: done.planId, version: done.version, savedAt: done.createdAt.toISOString() };

    const now = new Date();
    let plan: PlanRow | undefined;
    if (input.baseVersion === 0) {
      plan = await insertPlan(tx, { eventId: input.eventId, ownerId: userId, content: input.content, updatedAt: now });
    } else {
      plan = await updatePlanAtVersion(tx, { eventId: input.eventId, ownerId: userId, baseVersion: input.baseVersion }, input.content, now);
    }
    if (!plan) {
      const current = await findOwnPlan(input.eventId, userId, tx);
      if (!current) throw new DomainError('conflict', 'plans.notCreatedYet');
      return { status: 'conflict', planId: current.id, version: current.version, content: current.content, savedAt: current.updatedAt.toISOString() };
    }
    await insertRevision(tx, { id: input.revisionId, planId: plan.id, version: plan.version, content: input.content, authorId: userId, restoredFrom, createdAt: now });
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
  const rows = await revisionSummaries(planId);
  const checkpoints = rows.filter((r, i) => {
    const next = rows[i + 1];
    return options.every || !next || r.restoredFrom !== null || next.savedAt.getTime() - r.savedAt.getTime() > CHECKPOINT_GAP_MS;
  });
  return checkpoints.reverse();
}

export async function getVersion(userId: string, planId: string, version: number) {
  const { plan, access } = await readablePlan(userId, planId);
  if (!access.canSeeHistory) throw forbidden();
  const row = await findRevisionByVersion(planId, version);
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
    const members = wanted.length ? await membersAmong(tx, plan.eventId, wanted) : [];
    if (members.length !== wanted.length) throw new DomainError('invalid_payload', 'plans.shareMembersOnly');
    await replacePlanSharing(tx, plan.id, { sharedWithFacilitators: input.withFacilitators, sharedWithCohort: input.withCohort }, wanted);
  });
}

export async function listShares(planId: string): Promise<string[]> {
  return shareUserIds(planId);
}

/**
 * Idempotent by the client's comment id; a retried comment is not posted twice.
 * Returns the stored comment once the insert has committed (it runs outside any
 * transaction), so a caller may announce it right away.
 */
export async function addComment(userId: string, input: PlanCommentInput, role?: Role | null): Promise<PlanCommentView> {
  const { plan, access } = await readablePlan(userId, input.planId, role);
  if (!access.canComment) throw forbidden();
  const inserted = await insertComment({ id: input.id, planId: plan.id, section: input.section, authorId: userId, body: input.body });
  if (!inserted) {
    const existing = await findComment(input.id);
    if (!existing || existing.planId !== plan.id || existing.authorId !== userId) throw new DomainError('conflict', 'plans.commentIdTaken');
  }
  const [view] = await commentById(input.id);
  return toCommentView(view!);
}

const toCommentView = (r: CommentRow): PlanCommentView => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function listComments(userId: string, planId: string, role?: Role | null) {
  await readablePlan(userId, planId, role);
  return commentsOfPlan(planId);
}

/** The comments of a plan in their wire form, for a reader (same read rule as the pages). */
export async function listCommentViews(userId: string, planId: string, role?: Role | null): Promise<PlanCommentView[]> {
  return (await listComments(userId, planId, role)).map(toCommentView);
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
  const actor = await authorize(userId, eventId, 'plan:write-own');
  return readablePlansOf(eventId, userId, { viewAll: can(actor, 'plan:view-all'), facilitate: can(actor, 'plan:facilitate') });
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
  const rows = await participantPlanContents(eventId);
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
  return allPlansOf(eventId);
}

export async function listShareCandidates(userId: string, eventId: string) {
  await authorize(userId, eventId, 'plan:write-own');
  return shareCandidates(eventId, userId);
}

/** The cohorts (breakout groups) the person belongs to in this event. */
export async function myCohorts(userId: string, eventId: string) {
  return cohortsOf(eventId, userId);
}

export const emptyPlan = (): PlanContent => structuredClone(EMPTY_PLAN);
