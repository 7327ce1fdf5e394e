import { and, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { db } from '../client';
import { qaQuestions, users, watchInvitations } from '../schema';

export type InvitationRow = typeof watchInvitations.$inferSelect & { invitedByName: string };

async function withInviter(rows: (typeof watchInvitations.$inferSelect)[]): Promise<InvitationRow[]> {
  if (rows.length === 0) return [];
  const d = await db();
  const ids = [...new Set(rows.map((r) => r.invitedBy).filter((x): x is string => x !== null))];
  const names = ids.length ? await d.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const byId = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((r) => ({ ...r, invitedByName: (r.invitedBy && byId.get(r.invitedBy)) ?? '' }));
}

/**
 * Invites a person, once: the same clientId finds its first row, and a person who already has an
 * open invitation in the session keeps that one (two moderators clicking at once invite once).
 */
export async function insertInvitation(values: { sessionId: string; userId: string; clientId: string; invitedBy: string }): Promise<InvitationRow> {
  const d = await db();
  await d.insert(watchInvitations).values(values).onConflictDoNothing();
  const [byClient] = await d.select().from(watchInvitations).where(eq(watchInvitations.clientId, values.clientId));
  if (byClient) return (await withInviter([byClient]))[0]!;
  const [pending] = await d
    .select()
    .from(watchInvitations)
    .where(and(eq(watchInvitations.sessionId, values.sessionId), eq(watchInvitations.userId, values.userId), eq(watchInvitations.status, 'pending')));
  return (await withInviter([pending!]))[0]!;
}

export async function findInvitation(id: string): Promise<InvitationRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(watchInvitations).where(eq(watchInvitations.id, id));
  return row ? (await withInviter([row]))[0] : undefined;
}

export async function findInvitationByClientId(clientId: string): Promise<InvitationRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(watchInvitations).where(eq(watchInvitations.clientId, clientId));
  return row ? (await withInviter([row]))[0] : undefined;
}

export async function pendingInvitation(sessionId: string, userId: string): Promise<InvitationRow | undefined> {
  const d = await db();
  const [row] = await d
    .select()
    .from(watchInvitations)
    .where(and(eq(watchInvitations.sessionId, sessionId), eq(watchInvitations.userId, userId), eq(watchInvitations.status, 'pending')));
  return row ? (await withInviter([row]))[0] : undefined;
}

/** Answers a pending invitation; one answered already is left as it is (the caller reads it again). */
export async function answerInvitation(id: string, status: 'accepted' | 'declined'): Promise<void> {
  const d = await db();
  await d
    .update(watchInvitations)
    .set({ status, answeredAt: new Date() })
    .where(and(eq(watchInvitations.id, id), eq(watchInvitations.status, 'pending')));
}

/** The latest invitation's status per person of the session. */
export async function latestInvitationStatuses(sessionId: string, userIds: string[]): Promise<Map<string, InvitationRow['status']>> {
  if (userIds.length === 0) return new Map();
  const d = await db();
  const rows = await d
    .select({ userId: watchInvitations.userId, status: watchInvitations.status })
    .from(watchInvitations)
    .where(and(eq(watchInvitations.sessionId, sessionId), inArray(watchInvitations.userId, userIds)))
    .orderBy(desc(watchInvitations.createdAt));
  const out = new Map<string, InvitationRow['status']>();
  for (const r of rows) if (!out.has(r.userId)) out.set(r.userId, r.status);
  return out;
}

/** How many questions each person asked in the session (withdrawn ones not counted). */
export async function questionCounts(sessionId: string, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const d = await db();
  const rows = await d
    .select({ userId: qaQuestions.authorId, n: count() })
    .from(qaQuestions)
    .where(and(eq(qaQuestions.sessionId, sessionId), inArray(qaQuestions.authorId, userIds), ne(qaQuestions.status, 'withdrawn')))
    .groupBy(qaQuestions.authorId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}
