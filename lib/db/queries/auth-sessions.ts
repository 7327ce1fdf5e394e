import { and, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import { db } from '../client';
import { authSessions, users } from '../schema';
import type { UserRow } from './users';

export async function insertAuthSession(sessionToken: string, userId: string, expires: Date): Promise<void> {
  const d = await db();
  await d.insert(authSessions).values({ sessionToken, userId, expires });
}

/** The user of a signed-in session, if the session is still there and not expired (one query per request). */
export async function findSessionUser(sessionToken: string, userId: string): Promise<UserRow | undefined> {
  const d = await db();
  const [row] = await d
    .select({ user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.sessionToken, sessionToken), eq(authSessions.userId, userId), gt(authSessions.expires, new Date())));
  return row?.user;
}

/** Of these sessions, the ones still signed in. */
export async function liveSessionTokens(sessionTokens: string[]): Promise<Set<string>> {
  if (!sessionTokens.length) return new Set();
  const d = await db();
  const rows = await d
    .select({ token: authSessions.sessionToken })
    .from(authSessions)
    .where(and(inArray(authSessions.sessionToken, sessionTokens), gt(authSessions.expires, new Date())));
  return new Set(rows.map((r) => r.token));
}

export async function deleteAuthSession(sessionToken: string): Promise<void> {
  const d = await db();
  await d.delete(authSessions).where(eq(authSessions.sessionToken, sessionToken));
}

/** Every session of the user, or every one but `except`. */
export async function deleteUserSessions(userId: string, except?: string): Promise<void> {
  const d = await db();
  await d
    .delete(authSessions)
    .where(and(eq(authSessions.userId, userId), except ? ne(authSessions.sessionToken, except) : undefined));
  // Expired rows go with it, so the table does not grow with every sign-in.
  await d.delete(authSessions).where(lt(authSessions.expires, new Date()));
}
