import { IncomingMessage, type ServerResponse } from 'node:http';
import type { Env } from '../../lib/env';
import { errorText } from '../../lib/i18n/error-text';
import { formatByteSize } from '../../lib/i18n/format';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from '../../lib/i18n/locales';
import { parseCookies } from '../../lib/auth/session-cookie';

export type BodyLimits = Pick<Env, 'AUTH_BODY_LIMIT' | 'BODY_LIMIT' | 'UPLOAD_BODY_LIMIT'>;

// Sign-in, sign-up and joining by code carry a few fields; anyone can send them, signed in or not.
const AUTH_PATHS = /^\/(?:api\/auth\/.*|signin|signup|join|j\/[^/]+)$/;
// The participant CSV import (a server action on the registration page).
const UPLOAD_PATHS = /^\/events\/[^/]+\/registration$/;

/** The largest body a request to this path may carry: small for sign-in, larger for uploads. */
export function bodyLimitFor(pathname: string, limits: BodyLimits): number {
  if (AUTH_PATHS.test(pathname)) return limits.AUTH_BODY_LIMIT;
  if (UPLOAD_PATHS.test(pathname)) return limits.UPLOAD_BODY_LIMIT;
  return limits.BODY_LIMIT;
}

type Held = { limit: number; chunks: Buffer[]; received: number; settle: (fits: boolean) => void };

/**
 * The request class of Balai's HTTP server (http.createServer's IncomingMessage option). It can
 * hold back a body of unknown length (chunked, no Content-Length) until the body has ended, so
 * Next.js never starts on a body that turns out too large: the parser hands body bytes to
 * `push`, and while held they are counted and kept here instead of being readable.
 */
export class LimitedRequest extends IncomingMessage {
  #held: Held | undefined;
  #refused = false;

  /** Resolves true once the whole body fitted (it is then readable as usual), false as soon as it does not. */
  holdBody(limit: number): Promise<boolean> {
    return new Promise((settle) => {
      this.#held = { limit, chunks: [], received: 0, settle };
    });
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (this.#refused) return true; // What arrives after the refusal is dropped until the socket closes.
    const held = this.#held;
    if (!held) return super.push(chunk, encoding);
    if (chunk === null) {
      this.#held = undefined;
      for (const c of held.chunks) super.push(c);
      super.push(null);
      held.settle(true);
      return true;
    }
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding);
    held.received += bytes.length;
    if (held.received > held.limit) {
      this.#held = undefined;
      this.#refused = true;
      held.chunks = [];
      held.settle(false);
      return true;
    }
    held.chunks.push(bytes);
    return true;
  }
}

function readerLocale(req: IncomingMessage): Locale {
  const cookie = parseCookies(req.headers.cookie).get(LOCALE_COOKIE);
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(req.headers['accept-language']) ?? DEFAULT_LOCALE;
}

/**
 * 413 in the reader's language (their language cookie, else the browser's). The body is not
 * read: the connection closes once the answer is out, so whatever the client still sends is
 * never taken in.
 */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number) {
  const message = errorText(readerLocale(req), 'general.bodyTooLarge', { limit: formatByteSize(limit) });
  const wantsJson = (req.url ?? '').startsWith('/api/') || /json/.test(req.headers.accept ?? '') || /json/.test(req.headers['content-type'] ?? '');
  res.statusCode = 413;
  res.setHeader('Connection', 'close');
  res.setHeader('Cache-Control', 'no-store');
  if (wantsJson) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ error: { code: 'payload_too_large', message } }));
  } else {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(message);
  }
}

const limitOf = (req: IncomingMessage, limits: BodyLimits) => bodyLimitFor((req.url ?? '/').split('?')[0] ?? '/', limits);

/** False, with the 413 sent, when the request's Content-Length is over its path's limit. */
export function declaredBodyFits(req: IncomingMessage, res: ServerResponse, limits: BodyLimits): boolean {
  const limit = limitOf(req, limits);
  if (Number(req.headers['content-length'] ?? 0) <= limit) return true;
  refuseTooLarge(req, res, limit);
  return false;
}

/**
 * Checks a request's body against its path's limit before Next.js sees it: a declared
 * Content-Length over the limit is refused at once; a body of unknown length is counted while it
 * streams in and refused the moment it passes the limit. Resolves true when the request may go on.
 */
export function admitBody(req: LimitedRequest, res: ServerResponse, limits: BodyLimits): boolean | Promise<boolean> {
  const limit = limitOf(req, limits);
  // Node's parser already refuses a malformed length and never reads past a valid one.
  if (req.headers['content-length'] !== undefined) return declaredBodyFits(req, res, limits);
  if (req.headers['transfer-encoding'] === undefined) return true; // No body.
  return req.holdBody(limit).then((fits) => {
    if (!fits) refuseTooLarge(req, res, limit);
    return fits;
  });
}
