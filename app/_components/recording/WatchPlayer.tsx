'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import styles from './recording.module.css';
import { useWatch } from './use-watch';
import { attachLiveHls, attachNativeHls, type LivePlayerState } from './live-hls';

/**
 * The watch-only stream: HLS through hls.js (natively where the browser has no Media Source
 * Extensions), with how far behind the live room it is, and what it is doing while it is not playing.
 */
export function WatchPlayer({ sessionId }: { sessionId: string }) {
  const t = useTranslations('recording.watch');
  const { state } = useWatch(sessionId);
  const video = useRef<HTMLVideoElement>(null);
  const [delay, setDelay] = useState<number | null>(null);
  const [playback, setPlayback] = useState<LivePlayerState>('starting');
  const url = state?.playlistUrl ?? null;

  useEffect(() => {
    const el = video.current;
    if (!el || !url) return;
    let cancelled = false;
    let detach: (() => void) | undefined;
    const segmentSeconds = state?.segmentSeconds ?? 2;
    const callbacks = { onState: setPlayback, onLatency: setDelay };
    // hls.js wherever Media Source Extensions exist, even where the browser could play HLS itself
    // (recent Chromium can): the native element gives up for good when the first playlist is not
    // there yet, and reports no latency.
    void import('hls.js').then(({ default: Hls }) => {
      if (cancelled) return;
      if (Hls.isSupported()) detach = attachLiveHls(Hls, el, url, callbacks);
      else if (el.canPlayType('application/vnd.apple.mpegurl')) detach = attachNativeHls(el, url, segmentSeconds, callbacks);
      else setPlayback('unsupported');
    });
    return () => {
      cancelled = true;
      detach?.();
    };
  }, [url, state?.segmentSeconds]);

  if (!state) return <p role="status">{t('loading')}</p>;
  if (!state.enabled) return <p role="status">{t('notRunning')}</p>;
  return (
    <div className="stack">
      <video ref={video} className={styles.player} controls autoPlay muted playsInline aria-label={t('player')} data-testid="watch-video" />
      <p role="status" data-testid="watch-delay">
        {playback !== 'playing' ? t(playback) : delay === null ? t('delayUnknown') : t('delay', { seconds: Math.round(delay) })}
      </p>
    </div>
  );
}

/** A link to the watch page for everyone in the session while the stream runs; start/stop for staff. */
export function WatchLink({ sessionId, href }: { sessionId: string; href: string }) {
  const t = useTranslations('recording.watch');
  const { state, error, setEnabled } = useWatch(sessionId);
  if (!state || (!state.enabled && !state.can.manage)) return null;
  return (
    <p className={styles.meta}>
      {state.enabled && <a href={href}>{t('open')}</a>}
      {state.can.manage && (
        <button type="button" className="secondary" onClick={() => void setEnabled(!state.enabled)}>
          {state.enabled ? t('stop') : t('start')}
        </button>
      )}
      {error && (
        <span role="alert" className={styles.error}>
          {error}
        </span>
      )}
    </p>
  );
}
