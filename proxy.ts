import { NextResponse, type NextRequest } from 'next/server';
import { env } from './lib/env';
import { INVITATION_HEADER } from './lib/i18n/locales';
import { cspHeaderName, pageContentSecurityPolicy } from './lib/security/headers';

const INVITATION_PAGE = /^\/invite\/([^/]+)$/;

/**
 * Runs before every page (see the matcher) and does two things:
 *
 * - The Content-Security-Policy with a fresh nonce. Next.js reads the nonce back from the
 *   request's CSP header and puts it on every script it renders, so the same policy goes on the
 *   request (for Next.js) and on the response (for the browser). The custom server has already
 *   given the response a strict default CSP (server/http/security.ts); this one replaces it.
 *   A nonce only works on pages rendered per request: the root layout and pages/_document make
 *   sure nothing is prerendered.
 *
 * - Tells the request's language resolution (lib/i18n/request.ts) which invitation an
 *   /invite/<token> page or its server actions (POSTs to the same path) belong to, so a
 *   signed-out invitee reads it in the invitation's language. next-intl's request config
 *   cannot see the path itself. The value is only a hint: request.ts checks the token's MAC,
 *   and any header of that name the browser sent is overwritten (or, off those pages, removed) here.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const headers = new Headers(request.headers);

  const invitation = INVITATION_PAGE.exec(pathname)?.[1];
  if (invitation !== undefined) headers.set(INVITATION_HEADER, invitation.slice(0, 200));
  else headers.delete(INVITATION_HEADER);

  const e = env();
  // The custom server has decided whether the request came over https, believing a proxy's
  // X-Forwarded-Proto only with TRUST_PROXY=1, and wrote its answer into that header.
  const options = { https: request.headers.get('x-forwarded-proto') === 'https', reportOnly: e.CSP_REPORT_ONLY, reportUri: e.CSP_REPORT_URI };
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const policy = pageContentSecurityPolicy(nonce, pathname, { ...options, dev: e.NODE_ENV === 'development' });
  const name = cspHeaderName(options);
  headers.set(name, policy);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set(name, policy);
  return response;
}

export const config = {
  // Every page. Not: static files and images (they carry the server's strict default policy),
  // Next.js's own endpoints, and the API (JSON, next-auth), which renders no HTML.
  // Route handlers under /events (PDF and CSV downloads) pass here too; a page policy on a download is harmless.
  matcher: ['/((?!_next/static|_next/image|api/|socket\\.io/|favicon\\.ico|icon\\.svg).*)'],
};
