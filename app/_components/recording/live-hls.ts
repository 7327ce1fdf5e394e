import type HlsType from 'hls.js';

export type LivePlayerState = 'starting' | 'playing' | 'retrying' | 'unsupported';

interface LiveHlsOptions {
  onState(state: LivePlayerState): void;
  onLatency(seconds: number): void;
}

const RETRY_MS = [1000, 2000, 4000, 8000];
const retryDelay = (attempt: number) => RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;

/**
 * Plays a live HLS playlist through hls.js and keeps it playing.
 *
 * hls.js gives up for good on some errors: a 404 on the playlist (the page opened before FFmpeg wrote the
 * first segment, or between two compositions) is fatal and never retried, and a segment that
 * changes the stream's tracks (an audio-only first segment on a loaded machine) breaks the media
 * buffers. A live viewer expects the player to come back on its own, so a fatal network error starts
 * a new player after a pause, and a fatal media error first tries hls.js's own recovery once.
 */
export function attachLiveHls(Hls: typeof HlsType, el: HTMLVideoElement, url: string, opts: LiveHlsOptions): () => void {
  let hls: HlsType | undefined;
  let stopped = false;
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let mediaRecovered = false;
  let state: LivePlayerState = 'starting';
  const set = (next: LivePlayerState) => {
    state = next;
    opts.onState(next);
  };

  const start = () => {
    if (stopped) return;
    // No worker: the page's Content-Security-Policy allows no blob: workers.
    const player = new Hls({ enableWorker: false, liveSyncDurationCount: 3 });
    hls = player;
    mediaRecovered = false;
    player.on(Hls.Events.ERROR, (_e, data) => {
      if (!data.fatal || player !== hls) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !mediaRecovered) {
        mediaRecovered = true;
        player.recoverMediaError();
        return;
      }
      restart();
    });
    player.on(Hls.Events.FRAG_BUFFERED, () => {
      attempts = 0;
    });
    player.loadSource(url);
    player.attachMedia(el);
    el.muted = true;
    void el.play().catch(() => undefined);
  };

  const restart = () => {
    hls?.destroy();
    hls = undefined;
    if (stopped) return;
    set('retrying');
    retryTimer = setTimeout(start, retryDelay(attempts++));
  };

  const onPlaying = () => set('playing');
  // The element also waits while a player is torn down between retries; only a stall in playback is "starting" again.
  const onWaiting = () => state === 'playing' && set('starting');
  el.addEventListener('playing', onPlaying);
  el.addEventListener('waiting', onWaiting);
  const latencyTimer = setInterval(() => {
    const latency = hls?.latency;
    if (latency !== undefined && Number.isFinite(latency) && latency > 0) opts.onLatency(latency);
  }, 1000);

  set('starting');
  start();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(latencyTimer);
    el.removeEventListener('playing', onPlaying);
    el.removeEventListener('waiting', onWaiting);
    hls?.destroy();
    hls = undefined;
  };
}

/**
 * The browser's own HLS player, for browsers without Media Source Extensions (older iPhones). A
 * native element that fails to load the playlist stays failed, so it gets the same retries.
 * `segmentSeconds` estimates the delay: native players hold about three segments back from the live edge.
 */
export function attachNativeHls(el: HTMLVideoElement, url: string, segmentSeconds: number, opts: LiveHlsOptions): () => void {
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const load = () => {
    el.src = url;
    el.muted = true;
    void el.play().catch(() => undefined);
  };
  const onError = () => {
    opts.onState('retrying');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(load, retryDelay(attempts++));
  };
  const onPlaying = () => {
    attempts = 0;
    opts.onState('playing');
  };
  el.addEventListener('error', onError);
  el.addEventListener('playing', onPlaying);
  opts.onState('starting');
  opts.onLatency(segmentSeconds * 3);
  load();
  return () => {
    clearTimeout(retryTimer);
    el.removeEventListener('error', onError);
    el.removeEventListener('playing', onPlaying);
    el.removeAttribute('src');
    el.load();
  };
}
