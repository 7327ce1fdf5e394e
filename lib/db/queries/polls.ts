import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../client';
import { displayLinks, pollResponses, polls, users } from '../schema';
import type { PollAnswerValue } from '../schema/polls';
import type { AttendanceMode } from '../../domain/roles';
import type { PollRecord } from '../../domain/poll-visibility';
import type { Executor } from './qa';

const pollColumns = {
  id: polls.id,
  sessionId: polls.sessionId,
  kind: polls.kind,
  question: polls.question,
  options: polls.options,
  scaleMax: polls.scaleMax,
  anonymous: polls.anonymous,
  multipleAnswers: polls.multipleAnswers,
  resultsVisibility: polls.resultsVisibility,
  timerSeconds: polls.timerSeconds,
  status: polls.status,
  onDisplay: polls.onDisplay,
  position: polls.position,
  rev: polls.rev,
  launchedAt: polls.launchedAt,
  closedAt: polls.closedAt,
};

export async function findPoll(id: string, ex?: Executor): Promise<PollRecord | undefined> {
  const d = ex ?? (await db());
  const [row] = await d.select(pollColumns).from(polls).where(eq(polls.id, id));
  return row;
}

/**
 * Inserts an answer in one statement that reads the poll FOR SHARE and only
 * while it is live: a concurrent close waits for this insert to commit (so
 * the final results include it) or makes it insert nothing. Nothing is
 * inserted either when the id exists (a retry) or the person already
 * answered a one-answer poll; the caller tells these apart.
 */
export async function insertAnswerWhileLive(a: { id: string; pollId: string; userId: string; value: PollAnswerValue; origin: AttendanceMode; country: string | null; score: number }): Promise<boolean> {
  const d = await db();
  const rows = await d
    .insert(pollResponses)
    .select(
      d
        .select({
          id: sql<string>`${a.id}::uuid`.as('id'),
          pollId: polls.id,
          userId: sql<string>`${a.userId}::uuid`.as('user_id'),
          single: sql<boolean>`not ${polls.multipleAnswers}`.as('single'),
          value: sql<PollAnswerValue>`${JSON.stringify(a.value)}::jsonb`.as('value'),
          origin: sql<AttendanceMode>`${a.origin}::attendance_mode`.as('origin'),
          country: sql<string | null>`${a.country}::text`.as('country'),
          score: sql<number>`${a.score}::int`.as('score'),
          createdAt: sql<Date>`now()`.as('created_at'),
        })
        .from(polls)
        .where(and(eq(polls.id, a.pollId), eq(polls.status, 'live')))
        .for('share'),
    )
    .onConflictDoNothing()
    .returning({ id: pollResponses.id });
  return rows.length > 0;
}

export async function listPolls(sessionId: string): Promise<PollRecord[]> {
  const d = await db();
  return d.select(pollColumns).from(polls).where(eq(polls.sessionId, sessionId)).orderBy(asc(polls.position), asc(polls.createdAt));
}

export async function nextPosition(sessionId: string, ex: Executor): Promise<number> {
  const [row] = await ex.select({ max: sql<number>`coalesce(max(${polls.position}), 0)::int` }).from(polls).where(eq(polls.sessionId, sessionId));
  return (row?.max ?? 0) + 1;
}

/** Every answer of a poll with what the results need (the name only for quiz leaderboards). */
export async function listResponses(pollId: string) {
  const d = await db();
  return d
    .select({ id: pollResponses.id, userId: pollResponses.userId, name: users.name, value: pollResponses.value, origin: pollResponses.origin, country: pollResponses.country, score: pollResponses.score, createdAt: pollResponses.createdAt })
    .from(pollResponses)
    .innerJoin(users, eq(users.id, pollResponses.userId))
    .where(eq(pollResponses.pollId, pollId))
    .orderBy(asc(pollResponses.createdAt));
}

export async function findResponse(id: string, ex?: Executor) {
  const d = ex ?? (await db());
  const [row] = await d.select({ id: pollResponses.id, pollId: pollResponses.pollId, userId: pollResponses.userId }).from(pollResponses).where(eq(pollResponses.id, id));
  return row;
}

export async function countMyResponses(pollId: string, userId: string, ex?: Executor): Promise<number> {
  const d = ex ?? (await db());
  const [row] = await d.select({ n: count() }).from(pollResponses).where(and(eq(pollResponses.pollId, pollId), eq(pollResponses.userId, userId)));
  return row?.n ?? 0;
}

/** How many answers one person gave per poll of a session. */
export async function myResponseCounts(sessionId: string, userId: string): Promise<Record<string, number>> {
  const d = await db();
  const rows = await d
    .select({ pollId: pollResponses.pollId, n: count() })
    .from(pollResponses)
    .innerJoin(polls, eq(polls.id, pollResponses.pollId))
    .where(and(eq(polls.sessionId, sessionId), eq(pollResponses.userId, userId)))
    .groupBy(pollResponses.pollId);
  return Object.fromEntries(rows.map((r) => [r.pollId, r.n]));
}

export async function findDisplayLinkByHash(tokenHash: string) {
  const d = await db();
  const [row] = await d.select().from(displayLinks).where(and(eq(displayLinks.tokenHash, tokenHash), isNull(displayLinks.revokedAt)));
  return row;
}

export async function findDisplayLink(id: string) {
  const d = await db();
  const [row] = await d.select().from(displayLinks).where(eq(displayLinks.id, id));
  return row;
}

export async function listDisplayLinks(sessionId: string) {
  const d = await db();
  return d.select().from(displayLinks).where(eq(displayLinks.sessionId, sessionId)).orderBy(asc(displayLinks.createdAt));
}

export type PollInsert = typeof polls.$inferInsert;

/** Inserts a poll under its client-generated id; undefined when that id exists already (a retry). */
export async function insertPoll(tx: Executor, values: PollInsert): Promise<{ id: string } | undefined> {
  const [row] = await tx.insert(polls).values(values).onConflictDoNothing().returning({ id: polls.id });
  return row;
}

/** Changes a poll's draft; false when it is no longer a draft. */
export async function updateDraftPoll(id: string, values: Partial<PollInsert>): Promise<boolean> {
  const d = await db();
  const [row] = await d
    .update(polls)
    .set({ ...values, rev: sql`${polls.rev} + 1` })
    .where(and(eq(polls.id, id), eq(polls.status, 'draft')))
    .returning({ id: polls.id });
  return !!row;
}

export async function deletePoll(id: string): Promise<void> {
  const d = await db();
  await d.delete(polls).where(eq(polls.id, id));
}

/** Changes a poll only if it is still at revision `rev`; false when someone changed it meanwhile. */
export async function updatePollAtRev(id: string, rev: number, values: Partial<PollInsert>): Promise<boolean> {
  const d = await db();
  const [row] = await d
    .update(polls)
    .set({ ...values, rev: sql`${polls.rev} + 1` })
    .where(and(eq(polls.id, id), eq(polls.rev, rev)))
    .returning({ id: polls.id });
  return !!row;
}

/** Closes a poll that is still live, as of `closedAt`; false when it was closed meanwhile. */
export async function closeLivePoll(id: string, closedAt: Date): Promise<boolean> {
  const d = await db();
  const [row] = await d
    .update(polls)
    .set({ status: 'closed', closedAt, rev: sql`${polls.rev} + 1` })
    .where(and(eq(polls.id, id), eq(polls.status, 'live')))
    .returning({ id: polls.id });
  return !!row;
}

export async function liveQuizIds(): Promise<string[]> {
  const d = await db();
  const rows = await d.select({ id: polls.id }).from(polls).where(and(eq(polls.status, 'live'), eq(polls.kind, 'quiz')));
  return rows.map((r) => r.id);
}

export async function insertDisplayLink(values: { sessionId: string; tokenHash: string; label: string; createdBy: string }) {
  const d = await db();
  const [row] = await d.insert(displayLinks).values(values).returning();
  return row!;
}

/** Revokes a link (once: an already revoked link keeps its first revocation time). */
export async function revokeDisplayLinkRow(id: string): Promise<void> {
  const d = await db();
  await d.update(displayLinks).set({ revokedAt: new Date() }).where(and(eq(displayLinks.id, id), isNull(displayLinks.revokedAt)));
}
