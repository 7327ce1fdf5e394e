import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { db } from '../client';
import { eventMembers, qaMutations, qaQuestions, qaSessionState, qaVotes, sessions, users } from '../schema';
import type { QuestionRecord } from '../../domain/qa-visibility';
import type { QaSettings } from '../../contracts/qa';
import type { Executor } from './executor';

export type { Executor } from './executor';

const questionColumns = {
  id: qaQuestions.id,
  sessionId: qaQuestions.sessionId,
  authorId: qaQuestions.authorId,
  authorName: users.name,
  text: qaQuestions.text,
  anonymous: qaQuestions.anonymous,
  status: qaQuestions.status,
  rejectReason: qaQuestions.rejectReason,
  starred: qaQuestions.starred,
  mergedIntoId: qaQuestions.mergedIntoId,
  origin: qaQuestions.origin,
  country: qaQuestions.country,
  voteCount: qaQuestions.voteCount,
  rev: qaQuestions.rev,
  createdAt: qaQuestions.createdAt,
  updatedAt: qaQuestions.updatedAt,
  answeredAt: qaQuestions.answeredAt,
};

export async function findQuestion(id: string, ex?: Executor): Promise<QuestionRecord | undefined> {
  const d = ex ?? (await db());
  const [row] = await d.select(questionColumns).from(qaQuestions).innerJoin(users, eq(users.id, qaQuestions.authorId)).where(eq(qaQuestions.id, id));
  return row;
}

export async function listQuestions(sessionId: string): Promise<QuestionRecord[]> {
  const d = await db();
  return d
    .select(questionColumns)
    .from(qaQuestions)
    .innerJoin(users, eq(users.id, qaQuestions.authorId))
    .where(eq(qaQuestions.sessionId, sessionId))
    .orderBy(qaQuestions.createdAt);
}

export async function listMyVotes(sessionId: string, userId: string): Promise<string[]> {
  const d = await db();
  const rows = await d
    .select({ id: qaVotes.questionId })
    .from(qaVotes)
    .innerJoin(qaQuestions, eq(qaQuestions.id, qaVotes.questionId))
    .where(and(eq(qaQuestions.sessionId, sessionId), eq(qaVotes.userId, userId)));
  return rows.map((r) => r.id);
}

export async function readSettings(sessionId: string, ex?: Executor): Promise<QaSettings> {
  const d = ex ?? (await db());
  const [row] = await d.select().from(qaSessionState).where(eq(qaSessionState.sessionId, sessionId));
  return row ?? { sessionId, moderation: 'post', highlightedQuestionId: null, rev: 0 };
}

/** The current roles of some people in the event a session belongs to (absent: no longer a member). */
export async function rolesInSession(sessionId: string, userIds: string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const d = await db();
  const rows = await d
    .select({ userId: eventMembers.userId, role: eventMembers.role })
    .from(sessions)
    .innerJoin(eventMembers, eq(eventMembers.eventId, sessions.eventId))
    .where(and(eq(sessions.id, sessionId), inArray(eventMembers.userId, userIds)));
  return new Map(rows.map((r) => [r.userId, r.role]));
}

export async function questionsByIds(ids: string[], ex?: Executor): Promise<QuestionRecord[]> {
  if (!ids.length) return [];
  const d = ex ?? (await db());
  return d.select(questionColumns).from(qaQuestions).innerJoin(users, eq(users.id, qaQuestions.authorId)).where(inArray(qaQuestions.id, ids));
}

export async function findMutation(id: string) {
  const d = await db();
  const [row] = await d.select().from(qaMutations).where(eq(qaMutations.id, id));
  return row;
}

/** Records a client-generated mutation id; undefined when it was already there. */
export async function recordMutation(tx: Executor, row: { id: string; userId: string; kind: string }): Promise<{ id: string } | undefined> {
  const [inserted] = await tx.insert(qaMutations).values(row).onConflictDoNothing().returning({ id: qaMutations.id });
  return inserted;
}

/** Changes a question only if it is still at revision `rev`; undefined when someone changed it meanwhile. */
export async function updateQuestionAtRev(
  tx: Executor,
  id: string,
  rev: number,
  values: Partial<typeof qaQuestions.$inferInsert>,
): Promise<{ status: QuestionRecord['status'] } | undefined> {
  const [row] = await tx
    .update(qaQuestions)
    .set({ ...values, rev: sql`${qaQuestions.rev} + 1`, updatedAt: new Date() })
    .where(and(eq(qaQuestions.id, id), eq(qaQuestions.rev, rev)))
    .returning({ status: qaQuestions.status });
  return row;
}

/** Clears the session's highlight if it points at `questionId`; the new settings, or undefined if it pointed elsewhere. */
export async function clearHighlight(tx: Executor, sessionId: string, questionId: string): Promise<QaSettings | undefined> {
  const [row] = await tx
    .update(qaSessionState)
    .set({ highlightedQuestionId: null, rev: sql`${qaSessionState.rev} + 1` })
    .where(and(eq(qaSessionState.sessionId, sessionId), eq(qaSessionState.highlightedQuestionId, questionId)))
    .returning();
  return row;
}

export async function writeSessionSettings(
  tx: Executor,
  sessionId: string,
  values: { highlightedQuestionId?: string | null; moderation?: QaSettings['moderation'] },
): Promise<QaSettings> {
  const [row] = await tx
    .insert(qaSessionState)
    .values({ sessionId, ...values, rev: 1 })
    .onConflictDoUpdate({ target: qaSessionState.sessionId, set: { ...values, rev: sql`${qaSessionState.rev} + 1` } })
    .returning();
  return row!;
}

/** Locks a question's row for the transaction (callers lock several in id order so they cannot deadlock). */
export async function lockQuestion(tx: Executor, id: string): Promise<void> {
  await tx.select({ id: qaQuestions.id }).from(qaQuestions).where(eq(qaQuestions.id, id)).for('update');
}

export async function questionStatus(tx: Executor, id: string): Promise<QuestionRecord['status'] | undefined> {
  const [row] = await tx.select({ status: qaQuestions.status }).from(qaQuestions).where(eq(qaQuestions.id, id));
  return row?.status;
}

/**
 * Merges `sourceId` into `targetId`: the source's voters vote for the target
 * (each person once), the target's count is recounted and the source marked merged.
 */
export async function mergeQuestionRows(tx: Executor, sourceId: string, targetId: string): Promise<void> {
  await tx
    .insert(qaVotes)
    .select(tx.select({ questionId: sql<string>`${targetId}::uuid`.as('question_id'), userId: qaVotes.userId, createdAt: qaVotes.createdAt }).from(qaVotes).where(eq(qaVotes.questionId, sourceId)))
    .onConflictDoNothing();
  await tx
    .update(qaQuestions)
    .set({
      voteCount: sql`(select count(*)::int from ${qaVotes} where ${qaVotes.questionId} = ${targetId})`,
      rev: sql`${qaQuestions.rev} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(qaQuestions.id, targetId));
  await tx
    .update(qaQuestions)
    .set({ status: 'merged', mergedIntoId: targetId, rev: sql`${qaQuestions.rev} + 1`, updatedAt: new Date() })
    .where(eq(qaQuestions.id, sourceId));
}
