import { NextResponse, type NextRequest } from 'next/server';
import { INVITATION_HEADER } from './lib/i18n/locales';

/**
 * Tells the request's language resolution (lib/i18n/request.ts) which invitation an
 * /invite/<token> page or its server actions (POSTs to the same path) belong to, so a
 * signed-out invitee reads it in the invitation's language. next-intl's request config
 * cannot see the path itself. The value is only a hint: request.ts checks the token's MAC,
 * and any header of that name the browser sent is overwritten here.
 */
export function proxy(request: NextRequest) {
  const token = request.nextUrl.pathname.split('/')[2] ?? '';
  const headers = new Headers(request.headers);
  headers.set(INVITATION_HEADER, token.slice(0, 200));
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: '/invite/:token' };
