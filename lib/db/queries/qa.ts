import { and, eq, inArray } from 'drizzle-orm';
import { db, type Db } from '../client';
import { eventMembers, qaQuestions, qaSessionState, qaVotes, sessions, users } from '../schema';
import type { QuestionRecord } from '../../domain/qa-visibility';
import type { QaSettings } from '../../contracts/qa';

/** A transaction or the database: queries run inside the caller's transaction when given one. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

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

/** The caller's membership in the event a session belongs to (role, origin, country), or undefined. */
export async function sessionMembership(sessionId: string, userId: string) {
  const d = await db();
  const [row] = await d
    .select({ eventId: sessions.eventId, role: eventMembers.role, attendanceMode: eventMembers.attendanceMode, country: eventMembers.country })
    .from(sessions)
    .leftJoin(eventMembers, and(eq(eventMembers.eventId, sessions.eventId), eq(eventMembers.userId, userId)))
    .where(eq(sessions.id, sessionId));
  return row;
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

export async function questionsByIds(ids: string[]): Promise<QuestionRecord[]> {
  if (!ids.length) return [];
  const d = await db();
  return d.select(questionColumns).from(qaQuestions).innerJoin(users, eq(users.id, qaQuestions.authorId)).where(inArray(qaQuestions.id, ids));
}
