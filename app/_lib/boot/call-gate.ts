import { joinPreference } from '../media/join-preference';
import { realtime } from '../realtime-client';
import { BOOTING_CLASS, RELEASE_GLOBAL, releaseDeferredScripts } from './deferred-scripts';
import { dropEarlyDevices, openEarlyDevices } from './early-devices';
import { readPrejoinConfig, whenPrejoinParsed } from './prejoin-config';
import { sessionIdOfPath } from './session-path';

/**
 * Runs inline at the start of a session page's <head> (server/http/call-boot-html.ts), before anything
 * else on the page, stylesheets included (a script after a stylesheet waits for it). The call goes first
 * (issue 10.8): Next.js's scripts wait while the call's boot scripts run, so nothing else competes with
 * the join for the one main thread. The Socket.IO connection opens here, at once, for every session page (all of
 * them need it: presence, Q&A, the call): its handshake then runs while the page is parsed and laid out, and the
 * page's code finds it (tab-state.ts).
 * - A person who chose "skip the check next time" for this session goes straight into the call: the boot
 *   script loads at once, and Next.js's scripts wait for the first remote frame.
 * - Any other session page loads the boot script at once as well. Where the stage starts with the device check
 *   (its server component rendered the check's data block, prejoin-config.ts), the boot script draws the check,
 *   its camera and microphone opened from here already; Next.js waits for the join, or a little while.
 * - Any other page gets its scripts as soon as it is parsed (the check's data would have come by then).
 */

/** However the boot goes, the page becomes itself by then. */
const RELEASE_AT_LATEST_MS = 3_000;

const me = document.currentScript as HTMLScriptElement | null;
const boot = me?.dataset.boot;
const sessionId = sessionIdOfPath(location.pathname);
(window as unknown as Record<string, () => void>)[RELEASE_GLOBAL] = releaseDeferredScripts;
if (sessionId) realtime();

/** The boot script could not be had: the page's own stage does everything, its own check opens its own devices. */
let bootFailed = false;

function loadBoot(): void {
  const script = document.createElement('script');
  script.src = boot!;
  script.nonce = me?.nonce ?? '';
  script.onerror = () => {
    bootFailed = true;
    dropEarlyDevices();
    releaseDeferredScripts();
  };
  document.head.append(script);
}

if (!boot || !sessionId) {
  releaseDeferredScripts();
} else if (joinPreference(sessionId)?.skipCheck) {
  // Straight into the call: the page is not laid out or painted under it until Next.js comes in (globals.css);
  // the main thread is the join's.
  document.documentElement.classList.add(BOOTING_CLASS);
  loadBoot();
  setTimeout(releaseDeferredScripts, RELEASE_AT_LATEST_MS);
} else {
  // Fetched and evaluated while the page is still arriving and being parsed, so the check shows as soon as its
  // data is parsed (a first visit has nothing cached; the data comes late in a long page). A page that turns out
  // not to start with the check lets the boot script go idle (call-boot.ts).
  loadBoot();
  whenPrejoinParsed(() => {
    const config = readPrejoinConfig();
    if (config?.sessionId !== sessionId || bootFailed) return releaseDeferredScripts();
    // The check's devices start now, while the boot script may still be loading (early-devices.ts).
    openEarlyDevices(config);
    setTimeout(releaseDeferredScripts, RELEASE_AT_LATEST_MS);
  });
}
