import { db } from '../db/client';
import { insertQuestions } from '../db/queries/qa-ask-batch';
import { lockPeople, recentMutationCounts, recordMutations } from '../db/queries/qa-mutations';
import { questionsByIds, readSettings } from '../db/queries/qa';
import type { QaModeration } from '../contracts/qa';
import type { AttendanceMode } from '../domain/roles';
import type { QuestionRecord } from '../domain/qa-visibility';
import { DomainError } from '../errors';
import { groupCommit, type Waiting } from './group-commit';
import { QA_LIMITS } from './qa-rate-limit';

/**
 * Group commit of Q&A questions (group-commit.ts): the questions asked at one
 * moment are inserted by one transaction. Each ask is decided one by one in
 * the order they arrived, exactly as if it had come alone: an id already taken
 * by the same person in the same session is a retry and answers with that
 * question (also when the original is earlier in the same batch); an id taken
 * by anyone else is a conflict; a person past the per-minute limit is refused
 * and records nothing. The limit counts the asks recorded in the database
 * under a lock of each asker's row, so processes sharing the database take
 * turns and enforce one limit between them.
 */
export interface AskRequest {
  userId: string;
  sessionId: string;
  questionId: string;
  text: string;
  anonymous: boolean;
  /** Staff questions skip pre-moderation. */
  staff: boolean;
  origin: AttendanceMode;
  country: string | null;
}

/** `asked`: this request created the question; `retry`: it existed already, from an earlier (or the same batch's) ask with this id. */
export type AskDecision = { kind: 'asked' | 'retry'; question: QuestionRecord };

type Pending = Waiting<AskRequest, AskDecision>;

export const submitAsk = groupCommit<AskRequest, AskDecision>(commitBatch);

const idTaken = () => new DomainError('conflict', 'qa.questionIdTaken');
const tooManyQuestions = () => new DomainError('rate_limited', 'qa.askRate');
const owns = (c: AskRequest, q: { authorId: string; sessionId: string }) => q.authorId === c.userId && q.sessionId === c.sessionId;

async function commitBatch(batch: Pending[]): Promise<void> {
  const d = await db();
  const settled = await d.transaction(async (tx) => {
    const people = [...new Set(batch.map((c) => c.userId))];
    // The askers' rows first, as the vote batch does: one lock order everywhere.
    await lockPeople(tx, people);
    const ids = [...new Set(batch.map((c) => c.questionId))];
    const before = new Map((await questionsByIds(ids, tx)).map((q) => [q.id, q]));
    const counts = await recentMutationCounts(tx, people, 'ask');
    const moderation = new Map<string, QaModeration>();
    for (const sessionId of new Set(batch.map((c) => c.sessionId))) moderation.set(sessionId, (await readSettings(sessionId, tx)).moderation);

    const decided: [Pending, 'asked' | 'retry' | Error][] = [];
    // The ask that takes each id in this batch: a later one with the same id is its retry (or a conflict).
    const taking = new Map<string, Pending>();
    for (const c of batch) {
      const first = taking.get(c.questionId);
      const holder = before.get(c.questionId) ?? (first && { authorId: first.userId, sessionId: first.sessionId });
      if (holder) decided.push([c, owns(c, holder) ? 'retry' : idTaken()]);
      else if ((counts.get(c.userId) ?? 0) >= QA_LIMITS.questionsPerMinute) decided.push([c, tooManyQuestions()]);
      else {
        counts.set(c.userId, (counts.get(c.userId) ?? 0) + 1);
        taking.set(c.questionId, c);
        decided.push([c, 'asked']);
      }
    }
    const taken = [...taking.values()];
    const fresh = await insertQuestions(
      tx,
      taken.map((c) => ({
        id: c.questionId,
        sessionId: c.sessionId,
        authorId: c.userId,
        text: c.text,
        anonymous: c.anonymous,
        status: moderation.get(c.sessionId) === 'pre' && !c.staff ? ('pending' as const) : ('approved' as const),
        origin: c.origin,
        country: c.country,
      })),
    );
    // The question's id is the ask's client-generated id: recorded like every mutation, it is what the limit counts.
    await recordMutations(
      tx,
      taken.filter((c) => fresh.has(c.questionId)).map((c) => ({ id: c.questionId, userId: c.userId, kind: 'ask' })),
    );
    const after = new Map((await questionsByIds(ids, tx)).map((q) => [q.id, q]));
    return decided.map(([c, d]): [Pending, AskDecision | Error] => {
      if (d instanceof Error) return [c, d];
      const q = after.get(c.questionId)!;
      // An id not inserted here was inserted by another process between the read above and the insert
      // (a retry sent to two processes): that one asked it, and it may not even be this person's.
      if (!owns(c, q)) return [c, idTaken()];
      return [c, { kind: d === 'asked' && fresh.has(c.questionId) ? 'asked' : 'retry', question: q }];
    });
  });
  // Answers go out after the commit: an acknowledged question is a stored question.
  for (const [p, d] of settled) {
    if (d instanceof Error) p.reject(d);
    else p.resolve(d);
  }
}
