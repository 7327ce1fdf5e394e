import type { IncomingMessage } from 'node:http';
import type { BalaiServer } from './handler';
import { parseCookies, userIdFromCookieHeader } from '../../lib/auth/session-cookie';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from '../../lib/i18n/locales';
import { findUserById } from '../../lib/db/queries/users';
import { errorText, toLocale } from '../../lib/i18n/error-text';

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
    // The page shows a refused connection's message, so it speaks the browser's language (there is no profile yet).
    const cookie = parseCookies(socket.handshake.headers.cookie).get(LOCALE_COOKIE);
    const browserLocale = isLocale(cookie) ? cookie : (localeFromAcceptLanguage(socket.handshake.headers['accept-language']) ?? undefined);
    const refuse = (code: 'unauthenticated' | 'internal', key: 'general.signInFirst' | 'general.internal') =>
      next(Object.assign(new Error(code), { data: { code, message: errorText(toLocale(browserLocale), key) } }));
    try {
      const userId = await userIdFromCookieHeader(socket.handshake.headers.cookie, secret);
      const user = userId ? await findUserById(userId) : undefined;
      if (!user) {
        refuse('unauthenticated', 'general.signInFirst');
        return;
      }
      socket.data.userId = user.id;
      socket.data.name = user.name;
      socket.data.browserLocale = browserLocale;
      next();
    } catch (err) {
      console.error('[realtime] handshake failed', err);
      refuse('internal', 'general.internal');
    }
  });
}
