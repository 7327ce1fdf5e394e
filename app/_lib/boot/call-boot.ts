import { setBootPrejoin, startChosenJoin, startEarlyJoin, type EarlyJoin } from '../media/early-join';
import { showBootPrejoin } from './boot-prejoin';
import { clearJoiningNote, showBootStage } from './boot-stage';
import { RELEASE_GLOBAL } from './deferred-scripts';
import { readPrejoinConfig, type PrejoinConfig } from './prejoin-config';

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
const sessionId = /^\/events\/[^/]+\/sessions\/([0-9a-f-]{36})\/?$/i.exec(location.pathname)?.[1];

/** Paints the join's first remote frame, then lets Next.js in; refused or nothing to show lets it in too. */
function untilFirstFrame(early: EarlyJoin, config: PrejoinConfig): void {
  let stop = () => {};
  let unsubscribe = () => {};
  const done = () => {
    stop();
    unsubscribe();
    clearJoiningNote();
    release();
  };
  stop = showBootStage(early.client, config.text.joining, () => {
    // For bench/join-time: the first remote frame painted (the page's stage marks it when there is no boot).
    performance.mark('balai:media:first-frame');
    done();
  });
  // Refused (lobby, locked, removed) or nothing to show: the page's own stage says why and what now.
  let waiting = false;
  unsubscribe = early.client.subscribe(() => {
    const { status } = early.client.state;
    if (status.kind === 'error' || status.kind === 'left' || status.kind === 'removed') done();
    if (status.kind === 'joined' && !waiting) {
      waiting = true;
      setTimeout(() => !early.client.state.streams.some((s) => s.kind === 'video' && s.track) && done(), NO_VIDEO_WAIT_MS);
    }
  });
}

function boot(id: string): void {
  // Only where the page's stage starts with the device check (its data is on the page): not a hall phone, who
  // listens first, nor a person removed from the call or waiting in the lobby.
  const config = readPrejoinConfig();
  if (config?.sessionId !== id) return release();
  const early = startEarlyJoin(id);
  if (early) return untilFirstFrame(early, config);
  setBootPrejoin(id, true);
  const hold = setTimeout(release, PREJOIN_HOLD_MS);
  const shown = showBootPrejoin(
    config,
    (choice) => {
      clearTimeout(hold);
      const chosen = startChosenJoin(id, choice);
      setBootPrejoin(id, false);
      untilFirstFrame(chosen, config);
    },
    () => {
      setBootPrejoin(id, false);
      release();
    },
  );
  if (!shown) {
    setBootPrejoin(id, false);
    release();
  }
}

function start(): void {
  try {
    if (sessionId) boot(sessionId);
    else release();
  } catch (err) {
    release();
    throw err;
  }
}

// The check's data comes with the page's body; a returning person's boot can arrive before it was parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
