'use client';
import { useEffect, useRef } from 'react';
import { layerForWidth } from '@/app/_lib/media/devices';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

interface VideoProps {
  track: MediaStreamTrack;
  /** Mirror the local camera only. */
  mirror?: boolean;
  testId?: string;
  source?: string;
  /** Told the tile's width so the SFU sends the simulcast layer that fits it. */
  onWidth?: (layer: 0 | 1 | 2) => void;
}

export function Video({ track, mirror, testId, source, onWidth }: VideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    el.play().catch(() => undefined); // Autoplay of a muted video is allowed; a refusal just leaves the poster.
    // For bench/join-time: the first remote frame the page painted.
    if (!mirror && testId !== 'own-screen' && 'requestVideoFrameCallback' in el) {
      el.requestVideoFrameCallback(() => {
        if (!performance.getEntriesByName('balai:media:first-frame').length) performance.mark('balai:media:first-frame');
      });
    }
  }, [track, mirror, testId]);
  // The latest callback without re-creating the observer on every render.
  const widthCallback = useRef(onWidth);
  useEffect(() => {
    widthCallback.current = onWidth;
  });
  const wantsWidth = !!onWidth;
  useEffect(() => {
    const el = ref.current;
    if (!el || !wantsWidth) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) widthCallback.current?.(layerForWidth(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [wantsWidth]);
  return <video ref={ref} autoPlay playsInline muted className={mirror ? 'mirror' : undefined} data-testid={testId} data-source={source} />;
}

export function RemoteAudio({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    el.play().catch(() => undefined);
  }, [track]);
  return <audio ref={ref} autoPlay />;
}

interface TileProps {
  name: string;
  badge?: string;
  speaking?: boolean;
  micOff?: boolean;
  micOffLabel: string;
  handRaised?: boolean;
  handLabel: string;
  children?: React.ReactNode;
  testId?: string;
}

export function Tile({ name, badge, speaking, micOff, micOffLabel, handRaised, handLabel, children, testId }: TileProps) {
  return (
    <figure className={`media-tile${speaking ? ' speaking' : ''}`} data-testid={testId} data-name={name} aria-label={name}>
      {children ?? (
        <div className="media-avatar" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      <figcaption>
        <span>{name}</span>
        {badge && <span className="badge">{badge}</span>}
        {handRaised && (
          <span className="badge" title={handLabel}>
            ✋ <span className="visually-hidden">{handLabel}</span>
          </span>
        )}
        {micOff && (
          <span className="badge media-mic-off" data-testid="mic-off">
            {micOffLabel}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
