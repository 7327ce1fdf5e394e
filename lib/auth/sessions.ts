import { randomBytes } from 'node:crypto';
import { encode, type JWT } from 'next-auth/jwt';
import { deleteAuthSession, deleteUserSessions, findSessionUser, insertAuthSession } from '../db/queries/auth-sessions';
import type { UserRow } from '../db/queries/users';
import { liveAccess } from '../services/live-access';

/**
 * Signed-in sessions. The cookie is next-auth's JWT, and it names a row of
 * auth_sessions (`sid`): a token whose row is gone is refused everywhere —
 * pages, route handlers, /api/auth/session and the socket handshake — so
 * signing out ends the session on the server, not only in one browser.
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export class SessionEndedError extends Error {
  constructor() {
    super('The session has ended (signed out or revoked).');
    this.name = 'SessionEndedError';
  }
}

/** Records a new signed-in session for the user; its id goes into the JWT as `sid`. */
export async function startSession(userId: string): Promise<string> {
  const sid = randomBytes(24).toString('base64url');
  await insertAuthSession(sid, userId, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000));
  return sid;
}

/** The user a decoded session token stands for, if its session is still signed in. */
export async function tokenUser(token: Pick<JWT, 'sub'> & { sid?: unknown }): Promise<UserRow | undefined> {
  if (typeof token.sub !== 'string' || typeof token.sid !== 'string') return undefined;
  return findSessionUser(token.sid, token.sub);
}

/** Ends one session (sign-out) and drops its sockets in every process. */
export async function endSession(sid: string): Promise<void> {
  await deleteAuthSession(sid);
  await liveAccess()?.endSessions([sid]);
}

/** Ends every session of the user (sign out everywhere), or every one but `except` (a password change). */
export async function endUserSessions(userId: string, except?: string): Promise<void> {
  await deleteUserSessions(userId, except);
  await liveAccess()?.endUserSessions(userId, except);
}

/** next-auth's cookie name: `__Secure-` prefixed on https, as next-auth itself names it. */
export function sessionCookieName(): { name: string; secure: boolean } {
  const secure = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  return { name: `${secure ? '__Secure-' : ''}next-auth.session-token`, secure };
}

/** A new session for the user and the cookie that carries it (for sign-in by a server action). */
export async function issueSessionCookie(user: Pick<UserRow, 'id' | 'name'>) {
  const sid = await startSession(user.id);
  const value = await encode({ token: { sub: user.id, name: user.name, sid }, secret: process.env.NEXTAUTH_SECRET!, maxAge: SESSION_MAX_AGE_SECONDS });
  const { name, secure } = sessionCookieName();
  return { name, value, options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: SESSION_MAX_AGE_SECONDS } };
}
