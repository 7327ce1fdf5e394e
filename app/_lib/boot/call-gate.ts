import { joinPreference } from '../media/join-preference';
import { RELEASE_GLOBAL, releaseDeferredScripts } from './deferred-scripts';
import { PREJOIN_CONFIG_ID } from './prejoin-config';

/**
 * Runs inline at the start of a session page's <head> (server/http/call-boot-html.ts), before anything
 * else on the page, stylesheets included (a script after a stylesheet waits for it). The call goes first
 * (issue 10.8): Next.js's scripts wait while the call's boot scripts run, so nothing else competes with
 * the join for the one main thread. The connection has a script of its own (call-socket.ts), loaded first.
 * - A person who chose "skip the check next time" for this session goes straight into the call: the boot
 *   scripts load at once, and Next.js's scripts wait for the first remote frame.
 * - A page whose stage starts with the device check (its server component rendered the check's data block,
 *   prejoin-config.ts) gets the check from the boot script; Next.js waits for the join, or a little while.
 * - Any other page gets its scripts as soon as it is parsed.
 */

/** However the boot goes, the page becomes itself by then. */
const RELEASE_AT_LATEST_MS = 3_000;

const me = document.currentScript as HTMLScriptElement | null;
const scripts = [me?.dataset.socket, me?.dataset.boot];
const sessionId = /^\/events\/[^/]+\/sessions\/([0-9a-f-]{36})\/?$/i.exec(location.pathname)?.[1];
(window as unknown as Record<string, () => void>)[RELEASE_GLOBAL] = releaseDeferredScripts;

function loadBoot(): void {
  for (const src of scripts) {
    if (!src) continue;
    const script = document.createElement('script');
    script.src = src;
    script.nonce = me?.nonce ?? '';
    script.onerror = releaseDeferredScripts;
    document.head.append(script);
  }
}

if (!scripts.every(Boolean) || !sessionId) {
  releaseDeferredScripts();
} else if (joinPreference(sessionId)?.skipCheck) {
  loadBoot();
  setTimeout(releaseDeferredScripts, RELEASE_AT_LATEST_MS);
} else {
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      if (!document.getElementById(PREJOIN_CONFIG_ID)) return releaseDeferredScripts();
      loadBoot();
      setTimeout(releaseDeferredScripts, RELEASE_AT_LATEST_MS);
    },
    { once: true },
  );
}
