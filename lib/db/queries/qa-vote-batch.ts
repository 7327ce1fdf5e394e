import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { eventMembers, qaQuestions, qaVotes, sessions } from '../schema';
import type { Executor } from './executor';

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
