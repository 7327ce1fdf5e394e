/**
 * The RTP capabilities of a live room's router, as the SFU last created one (issue 10.8). Every live room's
 * router has the same codecs, so they are the same for all; the session page sends them with its device
 * check (LiveSection) and the browser loads its mediasoup Device while the person looks at the check,
 * instead of between the join's round trips. Kept on `globalThis`: the SFU (the custom server) sets them,
 * Next.js's copy of this module reads them. Unknown until a room was opened in this process.
 */
const KEY = Symbol.for('balai.router-capabilities');
const holder = globalThis as { [KEY]?: unknown };

export function rememberRouterCapabilities(capabilities: unknown): void {
  holder[KEY] = capabilities;
}

export function routerCapabilities(): unknown {
  return holder[KEY];
}
