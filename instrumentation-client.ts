import { config } from 'zod/v4/core';
import { PREJOIN_CONFIG_ID } from './app/_lib/boot/prejoin-config';
import { sessionIdOfPath } from './app/_lib/boot/session-path';

/*
 * Next.js runs this file in the browser before any page code, on every page of both routers.
 *
 * Balai's CSP has no 'unsafe-eval' (lib/security/headers.ts). Zod compiles object parsers with
 * new Function() unless told not to, and its check whether that is allowed is itself reported by
 * the browser as a CSP violation even though zod catches the refusal. Schemas decide this when
 * they are built (contracts are built on import), so it is set here, before any of them.
 */
config({ jitless: true });

/*
 * The session page's call (issue 10.8: join in the time of a bare mediasoup page): the socket, the media
 * code and, for a person who chose to skip the device check, the whole media join start here, while
 * Next.js is still loading and hydrating the page, instead of after a chain of effects.
 */
const sessionId = sessionIdOfPath(location.pathname);
if (sessionId) {
  // The connection first, on its own: its code is among the page's own scripts, while the early join's chunk
  // (mediasoup-client) still has to be fetched and run; the handshake overlaps with that.
  void import('./app/_lib/realtime-client').then((m) => m.realtime());
  // Only where the stage starts with the device check (its data is on the page: not a hall phone, not removed).
  if (document.getElementById(PREJOIN_CONFIG_ID)) void import('./app/_lib/media/early-join').then((m) => m.startEarlyJoin(sessionId));
  void import('./app/events/[slug]/sessions/[sessionId]/media/LiveStage');
}
