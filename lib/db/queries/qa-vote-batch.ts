import { and, asc, count, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { eventMembers, qaMutations, qaQuestions, qaVotes, sessions, users } from '../schema';
import type { Executor } from './qa';

/** The Q&A mutation ids among `ids` already recorded, with who made them and what kind they were. */
export async function recordedMutations(tx: Executor, ids: string[]) {
  if (!ids.length) return [];
  return tx.select({ id: qaMutations.id, userId: qaMutations.userId, kind: qaMutations.kind }).from(qaMutations).where(inArray(qaMutations.id, ids));
}

/** Locks the voters' rows, in id order so two batches in two processes cannot deadlock. */
export async function lockPeople(tx: Executor, userIds: string[]): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds)).orderBy(asc(users.id)).for('update');
}

/** Each person's changes of `kind` in the last minute, for the per-person rate limit. */
export async function recentMutationCounts(tx: Executor, userIds: string[], kind: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ userId: qaMutations.userId, n: count() })
    .from(qaMutations)
    .where(and(inArray(qaMutations.userId, userIds), eq(qaMutations.kind, kind), gt(qaMutations.createdAt, sql`now() - interval '1 minute'`)))
    .groupBy(qaMutations.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

/** Locks the questions voted on and reads their state (after the people: one lock order everywhere). */
export async function lockQuestions(tx: Executor, questionIds: string[]) {
  return tx
    .select({ id: qaQuestions.id, sessionId: qaQuestions.sessionId, authorId: qaQuestions.authorId, status: qaQuestions.status, voteCount: qaQuestions.voteCount, rev: qaQuestions.rev })
    .from(qaQuestions)
    .where(inArray(qaQuestions.id, questionIds))
    .orderBy(asc(qaQuestions.id))
    .for('update');
}

/** Which of these people have voted for which of these questions (a superset query, filtered by the caller). */
export async function existingVotes(tx: Executor, questionIds: string[], userIds: string[]): Promise<Set<string>> {
  const rows = await tx
    .select({ questionId: qaVotes.questionId, userId: qaVotes.userId })
    .from(qaVotes)
    .where(and(inArray(qaVotes.questionId, questionIds), inArray(qaVotes.userId, userIds)));
  return new Set(rows.map((r) => voteKey(r.questionId, r.userId)));
}

export const voteKey = (questionId: string, userId: string) => `${questionId}:${userId}`;

/** Records mutation ids; answers those that were new (another process may have recorded one meanwhile). */
export async function recordMutations(tx: Executor, rows: { id: string; userId: string; kind: string }[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await tx.insert(qaMutations).values(rows).onConflictDoNothing().returning({ id: qaMutations.id });
  return new Set(inserted.map((r) => r.id));
}

export async function addVotes(tx: Executor, pairs: { questionId: string; userId: string }[]): Promise<void> {
  if (pairs.length) await tx.insert(qaVotes).values(pairs).onConflictDoNothing();
}

export async function removeVotes(tx: Executor, pairs: { questionId: string; userId: string }[]): Promise<void> {
  if (!pairs.length) return;
  await tx.delete(qaVotes).where(or(...pairs.map((p) => and(eq(qaVotes.questionId, p.questionId), eq(qaVotes.userId, p.userId)))));
}

/** Adds a question's summed vote delta and moves its revision on once for the whole batch. */
export async function bumpVoteCount(tx: Executor, questionId: string, delta: number): Promise<{ voteCount: number; rev: number }> {
  const [row] = await tx
    .update(qaQuestions)
    .set({ voteCount: sql`${qaQuestions.voteCount} + ${delta}`, rev: sql`${qaQuestions.rev} + 1` })
    .where(eq(qaQuestions.id, questionId))
    .returning({ voteCount: qaQuestions.voteCount, rev: qaQuestions.rev });
  return row!;
}

/** The roles of these people in the events of these sessions, keyed by `sessionId:userId` (absent: not a member). */
export async function rolesForSessions(tx: Executor, sessionIds: string[], userIds: string[]): Promise<Map<string, string>> {
  if (!sessionIds.length || !userIds.length) return new Map();
  const rows = await tx
    .select({ sessionId: sessions.id, userId: eventMembers.userId, role: eventMembers.role })
    .from(sessions)
    .innerJoin(eventMembers, eq(eventMembers.eventId, sessions.eventId))
    .where(and(inArray(sessions.id, sessionIds), inArray(eventMembers.userId, userIds)));
  return new Map(rows.map((r) => [`${r.sessionId}:${r.userId}`, r.role]));
}
