import { joinPreference } from '../media/join-preference';
import { RELEASE_GLOBAL, releaseDeferredScripts } from './deferred-scripts';

/**
 * Runs inline at the start of a session page's <head> (server/http/call-boot-html.ts), before anything
 * else on the page, stylesheets included (a script after a stylesheet waits for it). A person who chose "skip the check next time" for this session goes straight into
 * the call (issue 10.8): the call's boot script is loaded now and Next.js's scripts wait until the first
 * remote frame is painted, so nothing else competes with the join for the one main thread. The
 * connection has a script of its own (call-socket.ts), loaded first. Anyone else
 * gets the page as usual: the scripts are released at once.
 */

/** However the boot goes, the page becomes itself by then. */
const RELEASE_AT_LATEST_MS = 3_000;

const me = document.currentScript as HTMLScriptElement | null;
const boot = me?.dataset.boot;
const socket = me?.dataset.socket;
const sessionId = /^\/events\/[^/]+\/sessions\/([0-9a-f-]{36})\/?$/i.exec(location.pathname)?.[1];
(window as unknown as Record<string, () => void>)[RELEASE_GLOBAL] = releaseDeferredScripts;

if (!boot || !sessionId || !joinPreference(sessionId)?.skipCheck) {
  releaseDeferredScripts();
} else {
  // The connection's small script first, so its handshake overlaps with the media code's evaluation.
  for (const src of [socket, boot]) {
    if (!src) continue;
    const script = document.createElement('script');
    script.src = src;
    script.nonce = me?.nonce ?? '';
    script.onerror = releaseDeferredScripts;
    document.head.append(script);
  }
  setTimeout(releaseDeferredScripts, RELEASE_AT_LATEST_MS);
}
