'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import styles from './recording.module.css';
import { useWatch } from './use-watch';

/**
 * The watch-only stream: HLS played natively where the browser can (Safari), else through hls.js
 * (Chromium, Firefox), with how far behind the live room it is.
 */
export function WatchPlayer({ sessionId }: { sessionId: string }) {
  const t = useTranslations('recording.watch');
  const { state } = useWatch(sessionId);
  const video = useRef<HTMLVideoElement>(null);
  const [delay, setDelay] = useState<number | null>(null);
  const url = state?.playlistUrl ?? null;

  useEffect(() => {
    const el = video.current;
    if (!el || !url) return;
    let cancelled = false;
    let destroy: (() => void) | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const segment = state?.segmentSeconds ?? 2;
    if (el.canPlayType('application/vnd.apple.mpegurl')) {
      el.src = url;
      // Native players hold about three segments back from the live edge.
      setDelay(segment * 3);
    } else {
      void import('hls.js').then(({ default: Hls }) => {
        if (cancelled || !Hls.isSupported()) return;
        // No worker: the page's Content-Security-Policy allows no blob: workers.
        const hls = new Hls({ enableWorker: false, liveSyncDurationCount: 3 });
        hls.loadSource(url);
        hls.attachMedia(el);
        // The playlist may lag a moment behind the first segments: keep asking until it plays.
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (data.fatal) hls.startLoad();
        });
        timer = setInterval(() => {
          const latency = hls.latency;
          if (Number.isFinite(latency) && latency > 0) setDelay(latency);
        }, 1000);
        destroy = () => hls.destroy();
      });
    }
    el.muted = true;
    void el.play().catch(() => undefined);
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
      destroy?.();
    };
  }, [url, state?.segmentSeconds]);

  if (!state) return null;
  if (!state.enabled) return <p role="status">{t('notRunning')}</p>;
  return (
    <div className="stack">
      <video ref={video} className={styles.player} controls autoPlay muted playsInline aria-label={t('player')} data-testid="watch-video" />
      <p role="status" data-testid="watch-delay">
        {delay === null ? t('delayUnknown') : t('delay', { seconds: Math.round(delay) })}
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
