import { discard, setBootPrejoin, startChosenJoin, startEarlyJoin, type EarlyJoin } from '../media/early-join';
import { showBootPrejoin } from './boot-prejoin';
import { dropEarlyDevices } from './early-devices';
import { preloadDevice } from '../media/media-transports';
import { clearJoinedCheck, removeBootStage, showBootStage } from './boot-stage';
import { RELEASE_GLOBAL } from './deferred-scripts';
import { readPrejoinConfig, whenPrejoinParsed } from './prejoin-config';
import { sessionIdOfPath } from './session-path';

/**
 * The call's boot script (issue 10.8: join in the time of a bare mediasoup page), a bundle of its own
 * (scripts/build.mjs) that the gate (call-gate.ts) loads while Next.js's scripts wait. A returning person's
 * join starts at once; anyone else whose stage starts with the device check gets that check from here
 * (boot-prejoin.ts) and joins from it. Either way the join is the early join the page's stage adopts later
 * (early-join.ts, state shared through tab-state.ts); its first remote frame is painted in a stage of its
 * own (boot-stage.ts), and then Next.js comes in. Only media code is here: mediasoup-client, Socket.IO's
 * client, the room client.
 */

/** Nobody on the stage sends video (yet): the page need not wait for a picture to become interactive. */
const NO_VIDEO_WAIT_MS = 1_200;
/** A person who looks at the device check for longer gets the rest of the page meanwhile (their click then joins all the same). */
const PREJOIN_HOLD_MS = 2_000;

const release = () => (window as unknown as Record<string, (() => void) | undefined>)[RELEASE_GLOBAL]?.();
const sessionId = sessionIdOfPath(location.pathname);

/**
 * Paints the join's first remote frame, then lets Next.js in; the boot's stage stays until the page's own paints.
 * Refused, or nothing to show: the boot's stage goes and Next.js comes in, and the page's stage says why and what now.
 */
function untilFirstFrame(early: EarlyJoin): void {
  let stop = () => {};
  let unsubscribe = () => {};
  let finished = false;
  const done = (pictured: boolean) => {
    if (finished) return;
    finished = true;
    stop();
    unsubscribe();
    if (!pictured) removeBootStage();
    clearJoinedCheck();
    release();
  };
  // The stage's label is the page's own text (the check's data).
  stop = showBootStage(early.client, () => readPrejoinConfig()?.text.joining ?? '', () => {
    // For bench/join-time: the first remote frame painted (the page's stage marks it when there is no boot).
    performance.mark('balai:media:first-frame');
    done(true);
  });
  let waiting = false;
  unsubscribe = early.client.subscribe(() => {
    const { status } = early.client.state;
    if (status.kind === 'error' || status.kind === 'left' || status.kind === 'removed') done(false);
    if (status.kind === 'joined' && !waiting) {
      waiting = true;
      setTimeout(() => !early.client.state.streams.some((s) => s.kind === 'video' && s.track) && done(false), NO_VIDEO_WAIT_MS);
    }
  });
}

/** The page's stage starts with the device check (its data is on the page): not a hall phone, who listens first, nor a person removed or kept in the lobby. */
const startsWithCheck = (id: string) => readPrejoinConfig()?.sessionId === id;

function boot(id: string): void {
  // A returning person's join starts now, before the page is parsed (waiting for that costs the stylesheets' load);
  // where the page turns out not to start with the check, it is dropped again.
  const early = startEarlyJoin(id);
  if (early) {
    untilFirstFrame(early);
    return whenPrejoinParsed(() => {
      if (!startsWithCheck(id)) discard(early);
    });
  }
  whenPrejoinParsed(() => showCheck(id));
}

function showCheck(id: string): void {
  const config = readPrejoinConfig();
  if (config?.sessionId !== id) {
    dropEarlyDevices();
    return release();
  }
  setBootPrejoin(id, true);
  // While the person looks at the check, the mediasoup Device loads: the click then only joins.
  preloadDevice(config.routerRtpCapabilities);
  const hold = setTimeout(release, PREJOIN_HOLD_MS);
  const shown = showBootPrejoin(
    config,
    (choice) => {
      clearTimeout(hold);
      const chosen = startChosenJoin(id, choice);
      setBootPrejoin(id, false);
      untilFirstFrame(chosen);
    },
    () => {
      setBootPrejoin(id, false);
      release();
    },
  );
  if (!shown) {
    dropEarlyDevices();
    setBootPrejoin(id, false);
    release();
  }
}

try {
  if (sessionId) boot(sessionId);
  else release();
} catch (err) {
  release();
  throw err;
}
