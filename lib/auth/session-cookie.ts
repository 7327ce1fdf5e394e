import { decode } from 'next-auth/jwt';

// next-auth v4 names its JWT cookie with a __Secure- prefix on https and splits
// it into .0, .1 … chunks when it grows past the browser's cookie size limit.
const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

function sessionToken(cookies: Map<string, string>): string | undefined {
  for (const name of COOKIE_NAMES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join('');
  }
  return undefined;
}

/** The user id and session id in a validly signed session cookie, or null (whether the session is still signed in is checked apart). */
export async function sessionFromCookieHeader(header: string | undefined, secret: string): Promise<{ userId: string; sid: string } | null> {
  const token = sessionToken(parseCookies(header));
  if (!token) return null;
  try {
    const decoded = await decode({ token, secret });
    return typeof decoded?.sub === 'string' && typeof decoded.sid === 'string' ? { userId: decoded.sub, sid: decoded.sid } : null;
  } catch {
    return null;
  }
}
