import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { decode, type JWT } from 'next-auth/jwt';
import { sessionCookieName, tokenUser } from './sessions';
import type { UserRow } from '../db/queries/users';

/** The validly signed session token that came with this request, if any. */
async function requestToken(): Promise<JWT | null> {
  const store = await cookies();
  const { name } = sessionCookieName();
  // next-auth splits a large cookie into .0, .1 … chunks.
  const chunks: string[] = [];
  for (let i = 0; store.has(`${name}.${i}`); i++) chunks.push(store.get(`${name}.${i}`)!.value);
  const token = store.get(name)?.value ?? (chunks.length ? chunks.join('') : undefined);
  if (!token) return null;
  return decode({ token, secret: process.env.NEXTAUTH_SECRET! }).catch(() => null);
}

/**
 * The signed-in user, re-read from the database with their session in one
 * query: a deleted user, or a session ended by signing out (here or
 * everywhere), is signed out. next-auth's jwt callback runs the same check
 * for /api/auth/session.
 */
export async function currentUser(): Promise<UserRow | null> {
  const token = await requestToken();
  return token ? ((await tokenUser(token)) ?? null) : null;
}

/** The signed-in session of this request (its id), with its user. */
export async function currentSession(): Promise<{ sid: string; user: UserRow } | null> {
  const token = await requestToken();
  const user = token ? await tokenUser(token) : undefined;
  return user && typeof token?.sid === 'string' ? { sid: token.sid, user } : null;
}

export async function requireUser(returnTo: string): Promise<UserRow> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
