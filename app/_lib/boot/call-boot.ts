import { statusJoining as joiningEn } from '@/lib/i18n/messages/en/media.json';
import { statusJoining as joiningId } from '@/lib/i18n/messages/id/media.json';
import { startEarlyJoin } from '../media/early-join';
import { showBootStage } from './boot-stage';
import { RELEASE_GLOBAL } from './deferred-scripts';

/**
 * The call's boot script (issue 10.8: join in the time of a bare mediasoup page), a bundle of its own
 * (scripts/build.mjs) that the gate (call-gate.ts) loads for a returning person while Next.js's scripts
 * wait. It starts the same early join the page's stage adopts later (early-join.ts, state shared through
 * tab-state.ts), paints the first remote frame in a stage of its own (boot-stage.ts), and then lets
 * Next.js in. Only media code is here: mediasoup-client, Socket.IO's client, the room client.
 */

/** Nobody on the stage sends video (yet): the page need not wait for a picture to become interactive. */
const NO_VIDEO_WAIT_MS = 1_200;

const release = () => (window as unknown as Record<string, (() => void) | undefined>)[RELEASE_GLOBAL]?.();
const sessionId = /^\/events\/[^/]+\/sessions\/([0-9a-f-]{36})\/?$/i.exec(location.pathname)?.[1];

try {
  const early = sessionId ? startEarlyJoin(sessionId) : null;
  if (!early) release();
  else {
    const label = document.documentElement.lang === 'id' ? joiningId : joiningEn;
    let stop = () => {};
    const done = () => {
      stop();
      release();
    };
    stop = showBootStage(early.client, label, () => {
      // For bench/join-time: the first remote frame painted (the page's stage marks it when there is no boot).
      performance.mark('balai:media:first-frame');
      done();
    });
    // Refused (lobby, locked, removed) or nothing to show: the page's own stage says why and what now.
    let waiting = false;
    early.client.subscribe(() => {
      const { status } = early.client.state;
      if (status.kind === 'error' || status.kind === 'left' || status.kind === 'removed') done();
      if (status.kind === 'joined' && !waiting) {
        waiting = true;
        setTimeout(() => !early.client.state.streams.some((s) => s.kind === 'video' && s.track) && done(), NO_VIDEO_WAIT_MS);
      }
    });
  }
} catch (err) {
  release();
  throw err;
}
