import type { IncomingMessage } from 'node:http';
import type { BalaiServer } from './handler';
import { parseCookies, sessionFromCookieHeader } from '../../lib/auth/session-cookie';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from '../../lib/i18n/locales';
import { findSessionUser } from '../../lib/db/queries/auth-sessions';
import { errorText, toLocale } from '../../lib/i18n/error-text';
import { resolveDisplayToken } from '../../lib/services/display-links';
import { PROTOCOL_VERSION, sentProtocol } from '../../lib/contracts/protocol';

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
    const refuse = (code: 'unauthenticated' | 'internal' | 'outdated_client', key: 'general.signInFirst' | 'general.internal' | 'general.outdatedClient') =>
      next(Object.assign(new Error(code), { data: { code, message: errorText(toLocale(browserLocale), key) } }));
    // A tab built against another contract (open across a deploy) is told to reload before anything else.
    const protocol = sentProtocol(socket.handshake.auth);
    if (protocol !== undefined && protocol !== PROTOCOL_VERSION) {
      refuse('outdated_client', 'general.outdatedClient');
      return;
    }
    try {
      // The session must still be signed in (not ended by a sign-out), not just validly signed.
      const session = await sessionFromCookieHeader(socket.handshake.headers.cookie, secret);
      const user = session ? await findSessionUser(session.sid, session.userId) : undefined;
      if (!user || !session) {
        // A projector's display link: no account, one session's public content (server/realtime/display.ts).
        const display = await resolveDisplayToken((socket.handshake.auth as { displayToken?: unknown } | undefined)?.displayToken);
        if (!display) {
          refuse('unauthenticated', 'general.signInFirst');
          return;
        }
        socket.data.userId = '';
        socket.data.sid = '';
        socket.data.name = '';
        socket.data.display = display;
        socket.data.browserLocale = browserLocale;
        next();
        return;
      }
      // Every field a person's socket gets as it joins a session, set at once: added later, they would
      // give each joined socket a property array of its own.
      socket.data = { userId: user.id, sid: session.sid, name: user.name, browserLocale, sessionId: undefined, peer: undefined };
      next();
    } catch (err) {
      console.error('[realtime] handshake failed', err);
      refuse('internal', 'general.internal');
    }
  });
}
