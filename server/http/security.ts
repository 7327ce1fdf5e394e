import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Env } from '../../lib/env';
import { securityOptions, staticSecurityHeaders, type SecurityOptions } from '../../lib/security/headers';

export type SecurityConfig = Pick<Env, 'NEXTAUTH_URL' | 'TRUST_PROXY' | 'CSP_REPORT_ONLY' | 'CSP_REPORT_URI'>;

const pathOf = (url: string | undefined) => (url ?? '/').split('?')[0] ?? '/';

/**
 * Decides once whether the request came over https and writes the answer into
 * X-Forwarded-Proto, so everything after (proxy.ts, Next.js, next-auth) sees the same thing:
 * a browser's own X-Forwarded-Proto is not believed unless TRUST_PROXY=1.
 */
export function requestSecurity(req: IncomingMessage, config: SecurityConfig): SecurityOptions {
  const forwarded = req.headers['x-forwarded-proto'];
  const options = securityOptions(Array.isArray(forwarded) ? forwarded[0] : forwarded, config);
  req.headers['x-forwarded-proto'] = options.https ? 'https' : 'http';
  return options;
}

/** The static security headers and the strict default CSP (pages get theirs from proxy.ts). */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse, options: SecurityOptions) {
  for (const [name, value] of Object.entries(staticSecurityHeaders(pathOf(req.url), options))) res.setHeader(name, value);
}

/** For Socket.IO's handshake and polling answers, which engine.io writes itself. */
export function addSecurityHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders | Record<string, string>, req: IncomingMessage, config: SecurityConfig) {
  const options = securityOptions(req.headers['x-forwarded-proto'] as string | undefined, config);
  Object.assign(headers, staticSecurityHeaders(pathOf(req.url), options));
}

const withSecure = (cookie: string) => (/;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`);

/**
 * On https every cookie Balai sets is Secure, whoever sets it (next-auth, the language switcher).
 * next-auth marks its own cookies Secure only when NEXTAUTH_URL is https; behind a trusted proxy
 * that terminates TLS the public URL may say http while the browser is on https. Headers are
 * complete when they are written, so that is where Set-Cookie is amended (a response without an
 * explicit writeHead gets one from Node when its first byte is written).
 */
export function secureCookies(res: ServerResponse) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const set = this.getHeader('set-cookie');
    if (set !== undefined) this.setHeader('set-cookie', (Array.isArray(set) ? set : [String(set)]).map(withSecure));
    const headers = args.find((a): a is OutgoingHttpHeaders => typeof a === 'object' && a !== null && !Array.isArray(a));
    const inline = headers?.['set-cookie'];
    if (headers && inline !== undefined) headers['set-cookie'] = (Array.isArray(inline) ? inline : [String(inline)]).map(withSecure);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}
