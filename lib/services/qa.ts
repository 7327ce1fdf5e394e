import { and, eq, sql } from 'drizzle-orm';
import { db } from '../db/client';
import { qaMutations, qaQuestions, qaSessionState, qaVotes } from '../db/schema';
import { findQuestion, listMyVotes, listQuestions, readSettings, sessionMembership, type Executor } from '../db/queries/qa';
import type { AskQuestion, ModerateAction, QaModeration, QaSettings, QaSnapshot, QaStatus } from '../contracts/qa';
import { can } from '../domain/permissions';
import type { AttendanceMode, Role } from '../domain/roles';
import { isPublic, viewQuestion, type QaViewer, type QuestionRecord } from '../domain/qa-visibility';
import { DomainError, forbidden, notFound } from '../errors';
import type { ErrorKey, ErrorParams } from '../i18n/error-text';
import { withinRateLimit, type RateLimitedKind } from './qa-rate-limit';

/**
 * What a committed mutation changed, for the realtime layer to fan out as
 * each recipient may see it. Absent when the mutation was a retry of one
 * already committed (nothing new to tell anyone).
 */
export interface QaChange {
  sessionId: string;
  /** Changed questions, with the status each had before (absent for a new one). */
  questions?: { q: QuestionRecord; before?: QaStatus }[];
  votes?: { questionId: string; voteCount: number; rev: number };
  myVote?: { userId: string; questionId: string; voted: boolean };
  settings?: QaSettings;
}
export interface QaOutcome<T> {
  result: T;
  change?: QaChange;
}

const conflict = (key: ErrorKey, params?: ErrorParams) => new DomainError('conflict', key, params);
const rateLimited = (key: ErrorKey) => new DomainError('rate_limited', key);

/** The caller's Q&A rights in a session, from the database (roles change during a live session). */
export async function qaViewer(sessionId: string, userId: string): Promise<QaViewer & { eventId: string; role: Role; origin: AttendanceMode; country: string | null }> {
  const m = await sessionMembership(sessionId, userId);
  if (!m) throw notFound('session');
  if (!m.role || !can({ role: m.role }, 'session:join')) throw forbidden('general.notMember');
  return { userId, staff: can({ role: m.role }, 'qa:moderate'), eventId: m.eventId, role: m.role, origin: m.attendanceMode ?? 'remote', country: m.country ?? null };
}

async function questionFor(questionId: string, userId: string) {
  const q = await findQuestion(questionId);
  if (!q) throw notFound('question');
  const viewer = await qaViewer(q.sessionId, userId);
  // A participant must not learn that a hidden question exists.
  if (!viewQuestion(q, viewer)) throw notFound('question');
  return { q, viewer };
}

function requireStaff(viewer: QaViewer) {
  if (!viewer.staff) throw forbidden('general.onlyModerators');
}

/**
 * Runs `run` once per client-generated mutation id: the id is recorded in the
 * same transaction as the change, so a retry after a lost ack finds it and
 * changes nothing. A refused mutation (error thrown) records nothing.
 */
async function once<T>(
  mutationId: string,
  userId: string,
  kind: string,
  limited: RateLimitedKind | null,
  run: (tx: Executor) => Promise<T>,
): Promise<{ fresh: true; value: T } | { fresh: false }> {
  const d = await db();
  const [seen] = await d.select().from(qaMutations).where(eq(qaMutations.id, mutationId));
  if (seen) {
    if (seen.userId !== userId || seen.kind !== kind) throw conflict('qa.changeIdUsed');
    return { fresh: false };
  }
  return d.transaction(async (tx) => {
    if (limited && !(await withinRateLimit(tx, userId, limited))) throw rateLimited(limited === 'vote' ? 'qa.tooManyVotes' : 'qa.tooManyChanges');
    const [inserted] = await tx.insert(qaMutations).values({ id: mutationId, userId, kind }).onConflictDoNothing().returning({ id: qaMutations.id });
    if (!inserted) return { fresh: false as const };
    return { fresh: true as const, value: await run(tx) };
  });
}

/** Clears the highlight if it points at `questionId` (which is leaving the public list). */
async function clearHighlightOf(tx: Executor, sessionId: string, questionId: string): Promise<QaSettings | undefined> {
  const [row] = await tx
    .update(qaSessionState)
    .set({ highlightedQuestionId: null, rev: sql`${qaSessionState.rev} + 1` })
    .where(and(eq(qaSessionState.sessionId, sessionId), eq(qaSessionState.highlightedQuestionId, questionId)))
    .returning();
  return row;
}

export async function snapshot(sessionId: string, userId: string, publicView = false): Promise<QaSnapshot> {
  const member = await qaViewer(sessionId, userId);
  // The public view is an anonymous participant's: no staff data, nothing marked as the viewer's own.
  const viewer = publicView ? { ...member, userId: '', staff: false } : member;
  const [rows, myVotes, settings] = await Promise.all([listQuestions(sessionId), listMyVotes(sessionId, userId), readSettings(sessionId)]);
  return {
    sessionId,
    settings,
    questions: rows.map((q) => viewQuestion(q, viewer)).filter((v) => v !== null),
    myVotes: publicView ? [] : myVotes,
    can: { moderate: viewer.staff, ask: !publicView && can({ role: viewer.role }, 'qa:ask') },
  };
}

export async function ask(userId: string, input: AskQuestion): Promise<QaOutcome<QuestionRecord>> {
  const viewer = await qaViewer(input.sessionId, userId);
  if (!can({ role: viewer.role }, 'qa:ask')) throw forbidden();
  const again = async () => {
    const existing = await findQuestion(input.questionId);
    if (!existing) return undefined;
    if (existing.authorId !== userId || existing.sessionId !== input.sessionId) throw conflict('qa.questionIdTaken');
    return { result: existing };
  };
  const retried = await again();
  if (retried) return retried;
  const settings = await readSettings(input.sessionId);
  const d = await db();
  const row = await d.transaction(async (tx) => {
    if (!(await withinRateLimit(tx, userId, 'ask'))) throw rateLimited('qa.askRate');
    const [inserted] = await tx
      .insert(qaQuestions)
      .values({
        id: input.questionId,
        sessionId: input.sessionId,
        authorId: userId,
        text: input.text,
        anonymous: input.anonymous,
        status: settings.moderation === 'pre' && !viewer.staff ? 'pending' : 'approved',
        origin: viewer.origin,
        country: viewer.country,
      })
      .onConflictDoNothing()
      .returning({ id: qaQuestions.id });
    // The question's id is the ask's client-generated id: recorded like every mutation, it is what the limit counts.
    if (inserted) await tx.insert(qaMutations).values({ id: input.questionId, userId, kind: 'ask' }).onConflictDoNothing();
    return inserted;
  });
  if (!row) return (await again())!;
  const q = (await findQuestion(row.id))!;
  return { result: q, change: { sessionId: q.sessionId, questions: [{ q }] } };
}

export async function vote(
  userId: string,
  input: { mutationId: string; questionId: string; voted: boolean },
): Promise<QaOutcome<{ questionId: string; voted: boolean; voteCount: number; rev: number }>> {
  const { q } = await questionFor(input.questionId, userId);
  if (q.status !== 'approved') throw conflict('qa.votingClosed');
  const done = await once(input.mutationId, userId, 'vote', 'vote', async (tx) => {
    const changed = input.voted
      ? await tx.insert(qaVotes).values({ questionId: q.id, userId }).onConflictDoNothing().returning({ id: qaVotes.questionId })
      : await tx.delete(qaVotes).where(and(eq(qaVotes.questionId, q.id), eq(qaVotes.userId, userId))).returning({ id: qaVotes.questionId });
    if (!changed.length) return undefined;
    // A row-level atomic update in the vote's transaction keeps the count exact under concurrency.
    const [counted] = await tx
      .update(qaQuestions)
      .set({ voteCount: sql`${qaQuestions.voteCount} + ${input.voted ? 1 : -1}`, rev: sql`${qaQuestions.rev} + 1` })
      .where(and(eq(qaQuestions.id, q.id), eq(qaQuestions.status, 'approved')))
      .returning({ voteCount: qaQuestions.voteCount, rev: qaQuestions.rev });
    if (!counted) throw conflict('qa.votingClosed');
    return counted;
  });
  if (done.fresh && done.value) {
    return {
      result: { questionId: q.id, voted: input.voted, ...done.value },
      change: {
        sessionId: q.sessionId,
        votes: { questionId: q.id, ...done.value },
        myVote: { userId, questionId: q.id, voted: input.voted },
      },
    };
  }
  const now = (await findQuestion(q.id))!;
  const mine = (await listMyVotes(q.sessionId, userId)).includes(q.id);
  return { result: { questionId: q.id, voted: mine, voteCount: now.voteCount, rev: now.rev } };
}

async function applyUpdate(
  mutationId: string,
  userId: string,
  kind: string,
  q: QuestionRecord,
  set: (tx: Executor) => Promise<Partial<typeof qaQuestions.$inferInsert>>,
): Promise<QaOutcome<QuestionRecord>> {
  const done = await once(mutationId, userId, kind, null, async (tx) => {
    const values = await set(tx);
    const [row] = await tx
      .update(qaQuestions)
      .set({ ...values, rev: sql`${qaQuestions.rev} + 1`, updatedAt: new Date() })
      .where(and(eq(qaQuestions.id, q.id), eq(qaQuestions.rev, q.rev)))
      .returning({ status: qaQuestions.status });
    // Someone changed it since we read it: refuse instead of overwriting their change.
    if (!row) throw conflict('qa.changedMeanwhile');
    return isPublic(row.status) ? undefined : clearHighlightOf(tx, q.sessionId, q.id);
  });
  const fresh = (await findQuestion(q.id))!;
  if (!done.fresh) return { result: fresh };
  return { result: fresh, change: { sessionId: q.sessionId, questions: [{ q: fresh, before: q.status }], settings: done.value } };
}

export async function edit(userId: string, input: { mutationId: string; questionId: string; text: string }): Promise<QaOutcome<QuestionRecord>> {
  const { q, viewer } = await questionFor(input.questionId, userId);
  const own = q.authorId === userId;
  if (!viewer.staff && !own) throw forbidden('qa.onlyOwnEdit');
  const editable: QaStatus[] = viewer.staff ? ['pending', 'approved', 'rejected', 'answered', 'archived'] : ['pending', 'approved'];
  if (!editable.includes(q.status)) throw conflict('qa.noLongerEditable');
  return applyUpdate(input.mutationId, userId, 'edit', q, async (tx) => {
    // Under pre-moderation an author's edit goes back to the queue: approval covers the text approved.
    if (!viewer.staff && q.status === 'approved' && (await readSettings(q.sessionId, tx)).moderation === 'pre') {
      return { text: input.text, status: 'pending' };
    }
    return { text: input.text };
  });
}

export async function withdraw(userId: string, input: { mutationId: string; questionId: string }): Promise<QaOutcome<QuestionRecord>> {
  const { q } = await questionFor(input.questionId, userId);
  if (q.authorId !== userId) throw forbidden('qa.onlyOwnWithdraw');
  if (!['pending', 'approved', 'rejected'].includes(q.status)) throw conflict('qa.noLongerWithdrawable');
  return applyUpdate(input.mutationId, userId, 'withdraw', q, async () => ({ status: 'withdrawn' }));
}

const TRANSITIONS: Record<Exclude<ModerateAction['type'], 'star'>, { from: QaStatus[]; to: QaStatus }> = {
  approve: { from: ['pending', 'rejected'], to: 'approved' },
  reject: { from: ['pending', 'approved'], to: 'rejected' },
  answer: { from: ['approved'], to: 'answered' },
  archive: { from: ['pending', 'approved', 'rejected', 'answered'], to: 'archived' },
  reopen: { from: ['answered', 'archived', 'rejected'], to: 'approved' },
};

export async function moderate(userId: string, input: { mutationId: string; questionId: string; action: ModerateAction }): Promise<QaOutcome<QuestionRecord>> {
  const { q, viewer } = await questionFor(input.questionId, userId);
  requireStaff(viewer);
  const { action } = input;
  if (action.type === 'star') {
    if (q.status === 'merged' || q.status === 'withdrawn') throw conflict('qa.noLongerQueued');
    return applyUpdate(input.mutationId, userId, 'moderate', q, async () => ({ starred: action.starred }));
  }
  const t = TRANSITIONS[action.type];
  if (!t.from.includes(q.status)) throw conflict('qa.transition', { status: q.status, action: action.type });
  return applyUpdate(input.mutationId, userId, 'moderate', q, async () => ({
    status: t.to,
    rejectReason: action.type === 'reject' ? action.reason : null,
    ...(action.type === 'answer' ? { answeredAt: new Date() } : action.type === 'reopen' ? { answeredAt: null } : {}),
  }));
}

/** Merges a duplicate into another question: the voters of both count once each on the target. */
export async function merge(userId: string, input: { mutationId: string; sourceId: string; targetId: string }): Promise<QaOutcome<{ source: QuestionRecord; target: QuestionRecord }>> {
  const { q: source, viewer } = await questionFor(input.sourceId, userId);
  requireStaff(viewer);
  const target = await findQuestion(input.targetId);
  if (!target || target.sessionId !== source.sessionId) throw notFound('mergeTarget');
  const open = (s: QaStatus) => s !== 'merged' && s !== 'withdrawn';
  if (!open(source.status) || !open(target.status)) throw conflict('qa.bothQueued');
  const done = await once(input.mutationId, userId, 'merge', null, async (tx) => {
    const d = tx as unknown as Awaited<ReturnType<typeof db>>;
    // Lock both rows in a fixed order so two crossing merges cannot deadlock.
    const [a, b] = [source.id, target.id].sort();
    await d.select({ id: qaQuestions.id }).from(qaQuestions).where(eq(qaQuestions.id, a!)).for('update');
    await d.select({ id: qaQuestions.id }).from(qaQuestions).where(eq(qaQuestions.id, b!)).for('update');
    const [s] = await d.select({ status: qaQuestions.status }).from(qaQuestions).where(eq(qaQuestions.id, source.id));
    const [t] = await d.select({ status: qaQuestions.status }).from(qaQuestions).where(eq(qaQuestions.id, target.id));
    if (!s || !t || !open(s.status) || !open(t.status)) throw conflict('qa.bothQueued');
    await d
      .insert(qaVotes)
      .select(d.select({ questionId: sql<string>`${target.id}::uuid`.as('question_id'), userId: qaVotes.userId, createdAt: qaVotes.createdAt }).from(qaVotes).where(eq(qaVotes.questionId, source.id)))
      .onConflictDoNothing();
    await d
      .update(qaQuestions)
      .set({
        voteCount: sql`(select count(*)::int from ${qaVotes} where ${qaVotes.questionId} = ${target.id})`,
        rev: sql`${qaQuestions.rev} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(qaQuestions.id, target.id));
    await d
      .update(qaQuestions)
      .set({ status: 'merged', mergedIntoId: target.id, rev: sql`${qaQuestions.rev} + 1`, updatedAt: new Date() })
      .where(eq(qaQuestions.id, source.id));
    return clearHighlightOf(tx, source.sessionId, source.id);
  });
  const [s, t] = [(await findQuestion(source.id))!, (await findQuestion(target.id))!];
  if (!done.fresh) return { result: { source: s, target: t } };
  return { result: { source: s, target: t }, change: { sessionId: s.sessionId, questions: [{ q: s, before: source.status }, { q: t, before: target.status }], settings: done.value } };
}

async function writeSettings(
  userId: string,
  mutationId: string,
  kind: string,
  sessionId: string,
  values: { highlightedQuestionId?: string | null; moderation?: QaModeration },
): Promise<QaOutcome<QaSettings>> {
  const viewer = await qaViewer(sessionId, userId);
  requireStaff(viewer);
  if (values.highlightedQuestionId) {
    const q = await findQuestion(values.highlightedQuestionId);
    if (!q || q.sessionId !== sessionId) throw notFound('question');
    if (!isPublic(q.status)) throw conflict('qa.approveFirst');
  }
  const done = await once(mutationId, userId, kind, null, async (tx) => {
    const [row] = await tx
      .insert(qaSessionState)
      .values({ sessionId, ...values, rev: 1 })
      .onConflictDoUpdate({ target: qaSessionState.sessionId, set: { ...values, rev: sql`${qaSessionState.rev} + 1` } })
      .returning();
    return row!;
  });
  if (!done.fresh) return { result: await readSettings(sessionId) };
  return { result: done.value, change: { sessionId, settings: done.value } };
}

export const highlight = (userId: string, input: { mutationId: string; sessionId: string; questionId: string | null }) =>
  writeSettings(userId, input.mutationId, 'highlight', input.sessionId, { highlightedQuestionId: input.questionId });

export const setModeration = (userId: string, input: { mutationId: string; sessionId: string; moderation: QaModeration }) =>
  writeSettings(userId, input.mutationId, 'moderation', input.sessionId, { moderation: input.moderation });
