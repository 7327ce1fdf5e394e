import type { IncomingMessage } from 'node:http';
import type { BalaiServer } from './handler';
import { parseCookies, userIdFromCookieHeader } from '../../lib/auth/session-cookie';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from '../../lib/i18n/locales';
import { findUserById } from '../../lib/db/queries/users';

/** The origins a browser may open a socket from: our own host plus ALLOWED_ORIGINS. */
export function originAllowed(req: IncomingMessage, extra: string[]): boolean {
  const origin = req.headers.origin;
  // Non-browser clients send no Origin; they still need a valid session cookie.
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === req.headers.host || extra.includes(origin);
}

/** Authenticates every connection from the next-auth session cookie; identity never comes from the client. */
export function useHandshakeAuth(io: BalaiServer, secret: string): void {
  io.use(async (socket, next) => {
    try {
      const userId = await userIdFromCookieHeader(socket.handshake.headers.cookie, secret);
      const user = userId ? await findUserById(userId) : undefined;
      if (!user) {
        next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated', message: 'Sign in first.' } }));
        return;
      }
      socket.data.userId = user.id;
      socket.data.name = user.name;
      const cookie = parseCookies(socket.handshake.headers.cookie).get(LOCALE_COOKIE);
      socket.data.browserLocale = isLocale(cookie) ? cookie : (localeFromAcceptLanguage(socket.handshake.headers['accept-language']) ?? undefined);
      next();
    } catch (err) {
      console.error('[realtime] handshake failed', err);
      next(Object.assign(new Error('internal'), { data: { code: 'internal', message: 'Could not check your session.' } }));
    }
  });
}
