import { db } from '../db/client';
import { addVotes, bumpVoteCount, existingVotes, lockQuestions, removeVotes, rolesForSessions, voteKey } from '../db/queries/qa-vote-batch';
import { lockPeople, recentMutationCounts, recordMutations, recordedMutations } from '../db/queries/qa-mutations';
import { can } from '../domain/permissions';
import { isPublic } from '../domain/qa-visibility';
import type { Role } from '../domain/roles';
import { DomainError, forbidden, notFound } from '../errors';
import { groupCommit, type Waiting } from './group-commit';
import { QA_LIMITS } from './qa-rate-limit';

/**
 * Group commit of Q&A votes (group-commit.ts): votes arriving together go in
 * one transaction that applies them all (mutation ids recorded, vote rows
 * added and removed, each question's count moved by the summed delta and its
 * revision once). A vote's fate is decided
 * one by one inside the batch, exactly as if they had come alone: a retried
 * mutation id changes nothing, a person past the rate limit or a question no
 * longer open is refused and records nothing, and the others are unaffected.
 * Under a burst this turns hundreds of transactions contending for one
 * question's row into a few.
 */
export interface VoteRequest {
  userId: string;
  mutationId: string;
  questionId: string;
  voted: boolean;
  /**
   * The voter's role where the question is, when the realtime pipeline resolved it
   * (kept current by its invalidation); absent, the batch reads it.
   */
  role?: Role;
}

/** How a vote ended: applied (`changed` says whether it moved anything), or already recorded earlier. */
export type VoteDecision = { sessionId: string } & ({ kind: 'applied'; changed: boolean; voteCount: number; rev: number } | { kind: 'retry' });

type Pending = Waiting<VoteRequest, VoteDecision>;

export const submitVote = groupCommit<VoteRequest, VoteDecision>(commitBatch);

const changeIdUsed = () => new DomainError('conflict', 'qa.changeIdUsed');
const questionNotFound = () => notFound('question');
const votingClosed = () => new DomainError('conflict', 'qa.votingClosed');
const tooManyVotes = () => new DomainError('rate_limited', 'qa.tooManyVotes');

async function commitBatch(batch: Pending[]): Promise<void> {
  const d = await db();
  // Everything is decided inside one transaction, vote by vote in the order they arrived,
  // so a person's quick vote–unvote–vote ends as they last clicked.
  const settled = await d.transaction(async (tx) => {
    const out: [Pending, VoteDecision | Error][] = [];
    const people = [...new Set(batch.map((c) => c.userId))];
    const questionIds = [...new Set(batch.map((c) => c.questionId))];
    await lockPeople(tx, people);
    const questions = new Map((await lockQuestions(tx, questionIds)).map((q) => [q.id, q]));
    const unknown = batch.filter((c) => !c.role);
    const roles = unknown.length
      ? await rolesForSessions(tx, [...new Set(unknown.map((c) => questions.get(c.questionId)?.sessionId).filter((id) => id !== undefined))], [...new Set(unknown.map((c) => c.userId))])
      : new Map<string, string>();
    const recorded = new Map((await recordedMutations(tx, batch.map((c) => c.mutationId))).map((r) => [r.id, r]));
    const counts = await recentMutationCounts(tx, people, 'vote');

    // The same checks, in the same order, as a lone vote: can see the question, may vote on it, then the mutation id.
    const accepted: Pending[] = [];
    const takenHere = new Set<string>();
    for (const c of batch) {
      const q = questions.get(c.questionId);
      const role = q && (c.role ?? (roles.get(`${q.sessionId}:${c.userId}`) as Role | undefined));
      const staff = !!role && can({ role }, 'qa:moderate');
      const refusal = !q
        ? questionNotFound()
        : !role || !can({ role }, 'session:join')
          ? forbidden('general.notMember')
          : // A participant must not learn that a hidden question exists.
            !isPublic(q.status) && !staff && q.authorId !== c.userId
            ? questionNotFound()
            : q.status !== 'approved'
              ? votingClosed()
              : null;
      if (refusal) {
        out.push([c, refusal]);
        continue;
      }
      const seen = recorded.get(c.mutationId);
      if (seen) out.push([c, seen.userId !== c.userId || seen.kind !== 'vote' ? changeIdUsed() : { sessionId: q!.sessionId, kind: 'retry' }]);
      // A retry racing its original inside this batch: the first decides.
      else if (takenHere.has(c.mutationId)) out.push([c, { sessionId: q!.sessionId, kind: 'retry' }]);
      else if ((counts.get(c.userId) ?? 0) >= QA_LIMITS.votesPerMinute) out.push([c, tooManyVotes()]);
      else {
        counts.set(c.userId, (counts.get(c.userId) ?? 0) + 1);
        takenHere.add(c.mutationId);
        accepted.push(c);
      }
    }
    const fresh = await recordMutations(
      tx,
      accepted.map((c) => ({ id: c.mutationId, userId: c.userId, kind: 'vote' })),
    );
    const before = await existingVotes(tx, questionIds, people);
    const now = new Set(before);
    const delta = new Map<string, number>();
    const changed = new Set<Pending>();
    for (const c of accepted) {
      // Recorded by another process between the read above and this insert: that one applied it.
      if (!fresh.has(c.mutationId)) continue;
      const key = voteKey(c.questionId, c.userId);
      if (c.voted === now.has(key)) continue;
      if (c.voted) now.add(key);
      else now.delete(key);
      delta.set(c.questionId, (delta.get(c.questionId) ?? 0) + (c.voted ? 1 : -1));
      changed.add(c);
    }
    const split = (k: string) => ({ questionId: k.slice(0, 36), userId: k.slice(37) });
    await addVotes(tx, [...now].filter((k) => !before.has(k)).map(split));
    await removeVotes(tx, [...before].filter((k) => !now.has(k)).map(split));
    const after = new Map<string, { voteCount: number; rev: number }>();
    for (const questionId of new Set([...changed].map((c) => c.questionId))) after.set(questionId, await bumpVoteCount(tx, questionId, delta.get(questionId) ?? 0));
    for (const c of accepted) {
      const q = questions.get(c.questionId)!;
      if (!fresh.has(c.mutationId)) out.push([c, { sessionId: q.sessionId, kind: 'retry' }]);
      else {
        const { voteCount, rev } = after.get(c.questionId) ?? q;
        out.push([c, { sessionId: q.sessionId, kind: 'applied', changed: changed.has(c), voteCount, rev }]);
      }
    }
    return out;
  });
  // Answers go out after the commit: an acknowledged vote is a durable vote.
  for (const [p, d] of settled) {
    if (d instanceof Error) p.reject(d);
    else p.resolve(d);
  }
}
