import { db } from '../db/client';
import type { qaQuestions } from '../db/schema';
import {
  clearHighlight,
  findMutation,
  findQuestion,
  listMyVotes,
  listQuestions,
  lockQuestion,
  mergeQuestionRows,
  questionStatus,
  readSettings,
  recordMutation,
  updateQuestionAtRev,
  writeSessionSettings,
  type Executor,
} from '../db/queries/qa';
import type { AskQuestion, ModerateAction, QaModeration, QaSettings, QaSnapshot, QaStatus } from '../contracts/qa';
import { can } from '../domain/permissions';
import type { MemberActor } from '../domain/actor';
import type { AttendanceMode, Role } from '../domain/roles';
import { isPublic, viewQuestion, type QaViewer, type QuestionRecord } from '../domain/qa-visibility';
import { DomainError, forbidden, notFound } from '../errors';
import type { ErrorKey, ErrorParams } from '../i18n/error-text';
import { submitAsk } from './qa-ask-batch';
import { submitVote } from './qa-vote-batch';

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

/**
 * The caller's Q&A rights, from the actor the request pipeline resolved where
 * the request acts (roles change during a live session; the pipeline's cache
 * is dropped when they do).
 */
export type QaActor = QaViewer & { eventId: string; role: Role; origin: AttendanceMode; country: string | null };
export function qaViewer(actor: MemberActor): QaActor {
  return { userId: actor.userId, staff: can(actor, 'qa:moderate'), eventId: actor.eventId, role: actor.role, origin: actor.attendanceMode, country: actor.country };
}

/** The question as the actor may see it; a question in another session than the actor's is as good as absent. */
async function questionFor(questionId: string, actor: MemberActor) {
  const q = await findQuestion(questionId);
  if (!q || (actor.sessionId && q.sessionId !== actor.sessionId)) throw notFound('question');
  const viewer = qaViewer(actor);
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
  run: (tx: Executor) => Promise<T>,
): Promise<{ fresh: true; value: T } | { fresh: false }> {
  const seen = await findMutation(mutationId);
  if (seen) {
    if (seen.userId !== userId || seen.kind !== kind) throw conflict('qa.changeIdUsed');
    return { fresh: false };
  }
  const d = await db();
  return d.transaction(async (tx) => {
    const inserted = await recordMutation(tx, { id: mutationId, userId, kind });
    if (!inserted) return { fresh: false as const };
    return { fresh: true as const, value: await run(tx) };
  });
}

export async function snapshot(sessionId: string, actor: MemberActor, publicView = false, have?: Record<string, number>): Promise<QaSnapshot> {
  const { userId } = actor;
  const member = qaViewer(actor);
  // The public view is an anonymous participant's: no staff data, nothing marked as the viewer's own.
  const viewer = publicView ? { ...member, userId: '', staff: false } : member;
  const [rows, myVotes, settings] = await Promise.all([listQuestions(sessionId), listMyVotes(sessionId, userId), readSettings(sessionId)]);
  const questions = rows.map((q) => viewQuestion(q, viewer)).filter((v) => v !== null);
  const base = {
    sessionId,
    settings,
    myVotes: publicView ? [] : myVotes,
    can: { moderate: viewer.staff, ask: !publicView && can({ role: viewer.role }, 'qa:ask') },
  };
  if (!have) return { ...base, questions };
  // A re-join: only what the browser lacks. Ids it holds that this viewer may no longer see are
  // named as removed; ids it never held are never named (a hidden question stays unknown).
  const visible = new Set(questions.map((q) => q.id));
  return {
    ...base,
    questions: questions.filter((q) => have[q.id] !== q.rev),
    delta: true,
    removed: Object.keys(have).filter((id) => !visible.has(id)),
  };
}

/**
 * What the projector's display link shows: the public view with no person
 * behind it (the link was checked by the caller; there is no membership).
 */
export async function displaySnapshot(sessionId: string): Promise<QaSnapshot> {
  const viewer = { userId: '', staff: false };
  const [rows, settings] = await Promise.all([listQuestions(sessionId), readSettings(sessionId)]);
  return { sessionId, settings, questions: rows.map((q) => viewQuestion(q, viewer)).filter((v) => v !== null), myVotes: [], can: { moderate: false, ask: false } };
}

/** Asking needs `qa:ask` where the session is: the pipeline checked it before this runs. */
export async function ask(actor: MemberActor, input: AskQuestion): Promise<QaOutcome<QuestionRecord>> {
  // Checked and committed together with the questions asked at the same moment (qa-ask-batch.ts).
  const { userId, staff, origin, country } = qaViewer(actor);
  const decision = await submitAsk({ ...input, userId, staff, origin, country });
  const q = decision.question;
  if (decision.kind === 'retry') return { result: q };
  return { result: q, change: { sessionId: q.sessionId, questions: [{ q }] } };
}

export async function vote(
  actor: MemberActor,
  input: { mutationId: string; questionId: string; voted: boolean },
): Promise<QaOutcome<{ questionId: string; voted: boolean; voteCount: number; rev: number }>> {
  // Checked and committed together with the votes arriving at the same moment, in arrival order (qa-vote-batch.ts).
  const { userId } = actor;
  const decision = await submitVote({ userId, role: actor.role, ...input });
  const { sessionId } = decision;
  if (decision.kind === 'applied') {
    const { voteCount, rev } = decision;
    const result = { questionId: input.questionId, voted: input.voted, voteCount, rev };
    if (!decision.changed) return { result };
    return {
      result,
      change: { sessionId, votes: { questionId: input.questionId, voteCount, rev }, myVote: { userId, questionId: input.questionId, voted: input.voted } },
    };
  }
  // A retry of a vote already applied: answer with how things stand now.
  const now = (await findQuestion(input.questionId))!;
  const mine = (await listMyVotes(sessionId, userId)).includes(input.questionId);
  return { result: { questionId: input.questionId, voted: mine, voteCount: now.voteCount, rev: now.rev } };
}

async function applyUpdate(
  mutationId: string,
  userId: string,
  kind: string,
  q: QuestionRecord,
  set: (tx: Executor) => Promise<Partial<typeof qaQuestions.$inferInsert>>,
): Promise<QaOutcome<QuestionRecord>> {
  const done = await once(mutationId, userId, kind, async (tx) => {
    const values = await set(tx);
    const row = await updateQuestionAtRev(tx, q.id, q.rev, values);
    // Someone changed it since we read it: refuse instead of overwriting their change.
    if (!row) throw conflict('qa.changedMeanwhile');
    // A question leaving the public list takes the highlight with it.
    return isPublic(row.status) ? undefined : clearHighlight(tx, q.sessionId, q.id);
  });
  const fresh = (await findQuestion(q.id))!;
  if (!done.fresh) return { result: fresh };
  return { result: fresh, change: { sessionId: q.sessionId, questions: [{ q: fresh, before: q.status }], settings: done.value } };
}

export async function edit(actor: MemberActor, input: { mutationId: string; questionId: string; text: string }): Promise<QaOutcome<QuestionRecord>> {
  const { userId } = actor;
  const { q, viewer } = await questionFor(input.questionId, actor);
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

export async function withdraw(actor: MemberActor, input: { mutationId: string; questionId: string }): Promise<QaOutcome<QuestionRecord>> {
  const { userId } = actor;
  const { q } = await questionFor(input.questionId, actor);
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

export async function moderate(actor: MemberActor, input: { mutationId: string; questionId: string; action: ModerateAction }): Promise<QaOutcome<QuestionRecord>> {
  const { userId } = actor;
  const { q, viewer } = await questionFor(input.questionId, actor);
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
export async function merge(actor: MemberActor, input: { mutationId: string; sourceId: string; targetId: string }): Promise<QaOutcome<{ source: QuestionRecord; target: QuestionRecord }>> {
  const { userId } = actor;
  const { q: source, viewer } = await questionFor(input.sourceId, actor);
  requireStaff(viewer);
  const target = await findQuestion(input.targetId);
  if (!target || target.sessionId !== source.sessionId) throw notFound('mergeTarget');
  const open = (s: QaStatus) => s !== 'merged' && s !== 'withdrawn';
  if (!open(source.status) || !open(target.status)) throw conflict('qa.bothQueued');
  const done = await once(input.mutationId, userId, 'merge', async (tx) => {
    // Lock both rows in a fixed order so two crossing merges cannot deadlock.
    const [a, b] = [source.id, target.id].sort();
    await lockQuestion(tx, a!);
    await lockQuestion(tx, b!);
    const s = await questionStatus(tx, source.id);
    const t = await questionStatus(tx, target.id);
    if (!s || !t || !open(s) || !open(t)) throw conflict('qa.bothQueued');
    await mergeQuestionRows(tx, source.id, target.id);
    return clearHighlight(tx, source.sessionId, source.id);
  });
  const [s, t] = [(await findQuestion(source.id))!, (await findQuestion(target.id))!];
  if (!done.fresh) return { result: { source: s, target: t } };
  return { result: { source: s, target: t }, change: { sessionId: s.sessionId, questions: [{ q: s, before: source.status }, { q: t, before: target.status }], settings: done.value } };
}

async function writeSettings(
  actor: MemberActor,
  mutationId: string,
  kind: string,
  sessionId: string,
  values: { highlightedQuestionId?: string | null; moderation?: QaModeration },
): Promise<QaOutcome<QaSettings>> {
  const { userId } = actor;
  requireStaff(qaViewer(actor));
  if (values.highlightedQuestionId) {
    const q = await findQuestion(values.highlightedQuestionId);
    if (!q || q.sessionId !== sessionId) throw notFound('question');
    if (!isPublic(q.status)) throw conflict('qa.approveFirst');
  }
  const done = await once(mutationId, userId, kind, async (tx) => {
    return writeSessionSettings(tx, sessionId, values);
  });
  if (!done.fresh) return { result: await readSettings(sessionId) };
  return { result: done.value, change: { sessionId, settings: done.value } };
}

export const highlight = (actor: MemberActor, input: { mutationId: string; sessionId: string; questionId: string | null }) =>
  writeSettings(actor, input.mutationId, 'highlight', input.sessionId, { highlightedQuestionId: input.questionId });

export const setModeration = (actor: MemberActor, input: { mutationId: string; sessionId: string; moderation: QaModeration }) =>
  writeSettings(actor, input.mutationId, 'moderation', input.sessionId, { moderation: input.moderation });
