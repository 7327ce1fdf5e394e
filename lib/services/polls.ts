import { db } from '../db/client';
import type { MemberActor } from '../domain/actor';
import {
  closeLivePoll,
  countMyResponses,
  deletePoll,
  findPoll,
  findResponse,
  insertAnswerWhileLive,
  insertPoll,
  listPolls,
  listResponses,
  liveQuizIds,
  myResponseCounts,
  nextPosition,
  updateDraftPoll,
  updatePollAtRev,
  type PollInsert,
} from '../db/queries/polls';
import { findSession } from '../db/queries/programme';
import type { AnswerPoll, PollDraft, PollResults, PollSnapshot } from '../contracts/polls';
import { can } from '../domain/permissions';
import type { AttendanceMode, Role } from '../domain/roles';
import { checkAnswer } from '../domain/poll-answer';
import { leaderboard, quizCorrect, quizPoints, tally, type AnswerValue } from '../domain/poll-aggregate';
import { pollDeadline, viewPoll, viewResults, type FullResults, type PollRecord } from '../domain/poll-visibility';
import { DomainError, forbidden, notFound } from '../errors';
import type { ErrorKey, ErrorParams } from '../i18n/error-text';

/**
 * What a committed poll change means for the realtime layer: the poll itself
 * changed (sent at once), or its answers did (results are coalesced).
 */
export type PollChange =
  | { sessionId: string; poll: PollRecord; answers?: false; removed?: boolean; /** The poll before the change (absent when new): who saw it then. */ before?: PollRecord }
  | { sessionId: string; poll: PollRecord; answers: true };
export interface PollOutcome<T> {
  result: T;
  change?: PollChange;
}

const conflict = (key: ErrorKey, params?: ErrorParams) => new DomainError('conflict', key, params);

/** The caller's rights in a session's polls, from the actor the request pipeline resolved (roles change during a live session). */
export function pollViewer(actor: MemberActor): { eventId: string; role: Role; manage: boolean; origin: AttendanceMode; country: string | null } {
  return { eventId: actor.eventId, role: actor.role, manage: can(actor, 'poll:manage'), origin: actor.attendanceMode, country: actor.country };
}

async function managedPoll(pollId: string, actor: MemberActor) {
  const p = await findPoll(pollId);
  if (!p || (actor.sessionId && p.sessionId !== actor.sessionId)) throw notFound('poll');
  const viewer = pollViewer(actor);
  // A participant must not learn that a draft exists.
  if (!viewer.manage) throw viewPoll(p, 'audience') ? forbidden('general.onlyModerators') : notFound('poll');
  return { p, viewer };
}

const draftColumns = (d: PollDraft) => ({
  kind: d.kind,
  question: d.question,
  options: d.options.map((o) => ({ id: o.id, label: o.label, correct: d.kind === 'quiz' ? o.correct : false })),
  scaleMax: d.scaleMax,
  anonymous: d.anonymous,
  multipleAnswers: d.multipleAnswers,
  resultsVisibility: d.resultsVisibility,
  timerSeconds: d.kind === 'quiz' ? d.timerSeconds : null,
});

/** Full results, computed from the database (so exact whatever raced), for the realtime layer to cut per audience. */
export async function computeResults(p: PollRecord): Promise<FullResults> {
  const rows = await listResponses(p.id);
  const values = rows.map((r) => r.value as AnswerValue);
  const byMode = {
    in_person: tally(p, rows.filter((r) => r.origin === 'in_person').map((r) => r.value as AnswerValue)),
    remote: tally(p, rows.filter((r) => r.origin === 'remote').map((r) => r.value as AnswerValue)),
  };
  const countries = new Map<string, number>();
  for (const r of rows) countries.set(r.country ?? '', (countries.get(r.country ?? '') ?? 0) + 1);
  let board: FullResults['leaderboard'] = null;
  if (p.kind === 'quiz') {
    const scores = new Map<string, { userId: string; name: string; score: number }>();
    for (const r of rows) {
      const s = scores.get(r.userId) ?? { userId: r.userId, name: r.name, score: 0 };
      s.score += r.score;
      scores.set(r.userId, s);
    }
    board = leaderboard([...scores.values()], p.anonymous);
  }
  return {
    pollId: p.id,
    sessionId: p.sessionId,
    final: p.status === 'closed',
    all: tally(p, values),
    respondents: new Set(rows.map((r) => r.userId)).size,
    byMode,
    byCountry: [...countries.entries()].map(([country, responses]) => ({ country, responses })).sort((a, b) => b.responses - a.responses || a.country.localeCompare(b.country)),
    leaderboard: board,
  };
}

export async function snapshot(sessionId: string, actor: MemberActor): Promise<PollSnapshot> {
  const viewer = pollViewer(actor);
  return publicSnapshot(sessionId, viewer.manage ? 'staff' : 'audience', {
    myAnswers: await myResponseCounts(sessionId, actor.userId),
    can: { manage: viewer.manage, answer: can({ role: viewer.role }, 'poll:answer') },
  });
}

/** A snapshot for one audience; the projector's has no person in it. */
export async function publicSnapshot(
  sessionId: string,
  audience: 'staff' | 'audience' | 'display',
  extra: Pick<PollSnapshot, 'myAnswers' | 'can'> = { myAnswers: {}, can: { manage: false, answer: false } },
): Promise<PollSnapshot> {
  const all = await listPolls(sessionId);
  const visible = all.filter((p) => viewPoll(p, audience));
  const results: PollResults[] = [];
  for (const p of visible) {
    if (p.status === 'draft') continue;
    const r = viewResults(p, await computeResults(p), audience);
    if (r) results.push(r);
  }
  return { sessionId, polls: visible.map((p) => viewPoll(p, audience)!), results, ...extra };
}

/** Needs `poll:manage` in the session: checked by the pipeline (or, for a copy, on the target's actor). */
export async function create(actor: MemberActor, input: { sessionId: string; pollId: string; draft: PollDraft; launch: boolean }): Promise<PollOutcome<PollRecord>> {
  const { userId } = actor;
  if (!pollViewer(actor).manage) throw forbidden('general.onlyModerators');
  const existing = await findPoll(input.pollId);
  if (existing) {
    if (existing.sessionId !== input.sessionId) throw conflict('polls.pollIdTaken');
    return { result: existing };
  }
  const d = await db();
  const inserted = await d.transaction(async (tx) => {
    const now = new Date();
    return insertPoll(tx, {
      id: input.pollId,
      sessionId: input.sessionId,
      ...draftColumns(input.draft),
      status: input.launch ? 'live' : 'draft',
      launchedAt: input.launch ? now : null,
      position: await nextPosition(input.sessionId, tx),
      createdBy: userId,
    });
  });
  const p = (await findPoll(input.pollId))!;
  if (p.sessionId !== input.sessionId) throw conflict('polls.pollIdTaken');
  return { result: p, change: inserted ? { sessionId: p.sessionId, poll: p } : undefined };
}

export async function update(actor: MemberActor, input: { pollId: string; draft: PollDraft }): Promise<PollOutcome<PollRecord>> {
  const { p } = await managedPoll(input.pollId, actor);
  if (!(await updateDraftPoll(p.id, draftColumns(input.draft)))) throw conflict('polls.draftOnly');
  const fresh = (await findPoll(p.id))!;
  return { result: fresh, change: { sessionId: fresh.sessionId, poll: fresh, before: p } };
}

export async function remove(actor: MemberActor, pollId: string): Promise<PollOutcome<{ pollId: string }>> {
  const { p } = await managedPoll(pollId, actor);
  if (p.status === 'live') throw conflict('polls.liveNoDelete');
  await deletePoll(p.id);
  return { result: { pollId }, change: { sessionId: p.sessionId, poll: p, before: p, removed: true } };
}

/** Copies a poll (any state) as a new draft into this or another session of the same event: prepared polls are reusable. */
/** `targetActor`: the caller's actor in the target session (the handler resolves it through the pipeline). */
export async function copy(
  actor: MemberActor,
  input: { pollId: string; newPollId: string; targetSessionId: string },
  targetActor: () => Promise<MemberActor>,
): Promise<PollOutcome<PollRecord>> {
  const { p, viewer } = await managedPoll(input.pollId, actor);
  const targetMember = await targetActor();
  const target = pollViewer(targetMember);
  if (target.eventId !== viewer.eventId) throw conflict('polls.otherEvent');
  const draft: PollDraft = {
    kind: p.kind,
    question: p.question,
    // New option ids derived from the new poll's id, so answers can never name the original's options.
    options: p.options.map((o, i) => ({ id: optionIdFor(input.newPollId, i), label: o.label, correct: o.correct })),
    scaleMax: p.scaleMax,
    anonymous: p.anonymous,
    multipleAnswers: p.multipleAnswers,
    resultsVisibility: p.resultsVisibility,
    timerSeconds: p.timerSeconds,
  };
  return create(targetMember, { sessionId: input.targetSessionId, pollId: input.newPollId, draft, launch: false });
}

/** A deterministic UUID-shaped id for option i of a copied poll (a retried copy gets the same ids). */
function optionIdFor(pollId: string, i: number): string {
  const hex = pollId.replace(/-/g, '');
  const tail = ((parseInt(hex.slice(20), 16) + i + 1) % 0x1000000000000).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${tail}`;
}

/** Launch, close and show are states, not toggles: asking again for the state it is in changes nothing. */
async function setState(actor: MemberActor, pollId: string, next: (p: PollRecord) => Partial<PollInsert> | null): Promise<PollOutcome<PollRecord>> {
  const { p } = await managedPoll(pollId, actor);
  const values = next(p);
  if (!values) return { result: p };
  if (!(await updatePollAtRev(p.id, p.rev, values))) throw conflict('qa.changedMeanwhile');
  const fresh = (await findPoll(p.id))!;
  return { result: fresh, change: { sessionId: fresh.sessionId, poll: fresh, before: p } };
}

export const launch = (actor: MemberActor, pollId: string) =>
  setState(actor, pollId, (p) => {
    if (p.status === 'live') return null;
    if (p.status === 'closed') throw conflict('polls.notLive');
    return { status: 'live', launchedAt: new Date() };
  });

export const close = (actor: MemberActor, pollId: string) =>
  setState(actor, pollId, (p) => {
    if (p.status === 'closed') return null;
    if (p.status === 'draft') throw conflict('polls.notLive');
    return { status: 'closed', closedAt: new Date() };
  });

/**
 * Closes a timed quiz whose time is up (the server's own action, no caller):
 * answers are refused from the deadline anyway; closing shows the right answer
 * and the final leaderboard without waiting for a moderator.
 */
export async function closeExpired(pollId: string): Promise<PollChange | undefined> {
  const p = await findPoll(pollId);
  const deadline = p && pollDeadline(p);
  if (!p || p.status !== 'live' || !deadline || deadline > new Date()) return undefined;
  if (!(await closeLivePoll(p.id, deadline))) return undefined;
  return { sessionId: p.sessionId, poll: (await findPoll(p.id))!, before: p };
}

/** Live timed quizzes (to re-arm their timers after a restart). */
export async function liveTimedQuizzes(): Promise<PollRecord[]> {
  return (await Promise.all((await liveQuizIds()).map((id) => findPoll(id)))).filter((p): p is PollRecord => !!p && !!pollDeadline(p));
}

export const show = (actor: MemberActor, pollId: string, onDisplay: boolean) => setState(actor, pollId, (p) => (p.onDisplay === onDisplay ? null : { onDisplay }));

/**
 * Records one answer in two round trips: the poll with the caller's
 * membership, then one insert that only happens while the poll is live (see
 * insertAnswerWhileLive). The answer's id comes from the client: a retry
 * inserts nothing, finds its row, and is answered as the first send was.
 */
/** The pipeline checked membership where the poll is; visibility comes before `poll:answer`, so a hidden poll stays unknown. */
export async function answer(actor: MemberActor, input: AnswerPoll): Promise<PollOutcome<{ pollId: string; answerId: string; myAnswers: number }>> {
  const { userId } = actor;
  const p = await findPoll(input.pollId);
  if (!p || (actor.sessionId && p.sessionId !== actor.sessionId)) throw notFound('poll');
  if (!viewPoll(p, can(actor, 'poll:manage') ? 'staff' : 'audience')) throw notFound('poll');
  if (!can(actor, 'poll:answer')) throw forbidden();
  const checked = checkAnswer(p, input.answer);
  if (!checked.ok) throw new DomainError('invalid_payload', `polls.${checked.key}`, checked.params);
  const ok = (myAnswers: number) => ({ pollId: p.id, answerId: input.answerId, myAnswers });
  const retried = async () => {
    const seen = await findResponse(input.answerId);
    if (!seen) return undefined;
    if (seen.userId !== userId || seen.pollId !== p.id) throw conflict('polls.answerIdUsed');
    return { result: ok(p.multipleAnswers ? await countMyResponses(p.id, userId) : 1) };
  };
  const at = new Date();
  const deadline = pollDeadline(p);
  if (p.status !== 'live' || (deadline && at > deadline)) {
    const again = await retried();
    if (again) return again;
    throw conflict(p.status !== 'live' ? 'polls.notLive' : 'polls.timeUp');
  }
  // Options and launch time do not change once a poll is live, so the points can be worked out before the insert.
  const score =
    p.kind === 'quiz' && 'choices' in checked.value
      ? quizPoints(quizCorrect(p.options.filter((o) => o.correct).map((o) => o.id), checked.value.choices), at.getTime() - p.launchedAt!.getTime(), p.timerSeconds)
      : 0;
  const inserted = await insertAnswerWhileLive({ id: input.answerId, pollId: p.id, userId, value: checked.value, origin: actor.attendanceMode, country: actor.country, score });
  if (!inserted) {
    // A retry (this answer is stored), the poll closed meanwhile, or the person already answered.
    const raced = await retried();
    if (raced) return raced;
    if ((await findPoll(p.id))?.status !== 'live') throw conflict('polls.notLive');
    throw conflict('polls.alreadyAnswered');
  }
  return { result: ok(p.multipleAnswers ? await countMyResponses(p.id, userId) : 1), change: { sessionId: p.sessionId, poll: p, answers: true } };
}

/** The event a session belongs to and its title, for the display link and export. */
export async function sessionInfo(sessionId: string) {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  return found;
}
