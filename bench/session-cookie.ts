/**
 * A signed-in cookie for a bench user, made the way sign-in makes one: a session row first
 * (sign-out deletes it, and the socket handshake refuses a cookie naming no live row), then the
 * next-auth token naming it. Imported lazily so each bench sets its environment before the
 * database client loads.
 */
export async function benchCookie(userId: string, name: string): Promise<string> {
  const { startSession } = await import('../lib/auth/sessions');
  const { encode } = await import('next-auth/jwt');
  const sid = await startSession(userId);
  return `next-auth.session-token=${await encode({ token: { sub: userId, name, sid }, secret: process.env.NEXTAUTH_SECRET! })}`;
}
