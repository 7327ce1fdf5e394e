'use client';
import { useFloorVolume } from '@/app/_lib/media/floor-volume';
import { useEffect, useRef } from 'react';
import { forgetAudio, playWithSound } from '@/app/_lib/media/audio-unlock';
import { layerForWidth } from '@/app/_lib/media/devices';
import { removeBootStage } from '@/app/_lib/boot/boot-stage';
import { Icon } from './icons';

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
  className?: string;
}

export function Video({ track, mirror, testId, source, onWidth, className }: VideoProps) {
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
        removeBootStage();
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
  return <video ref={ref} autoPlay playsInline muted className={[mirror ? 'mirror' : '', className ?? ''].join(' ').trim() || undefined} data-testid={testId} data-source={source} />;
}

/** Whether this browser can choose the loudspeaker (setSinkId: Chromium, Firefox; not Safari on iOS). */
export const canChooseSpeaker = () => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export function RemoteAudio({ track, sinkId }: { track: MediaStreamTrack; sinkId?: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  // Turned down under an interpretation channel the listener chose (app/_lib/media/floor-volume.ts).
  const volume = useFloorVolume();
  useEffect(() => {
    if (ref.current) ref.current.volume = volume;
  }, [volume]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    playWithSound(el);
    return () => forgetAudio(el);
  }, [track]);
  useEffect(() => {
    const el = ref.current as (HTMLAudioElement & { setSinkId?(id: string): Promise<void> }) | null;
    if (!el?.setSinkId || sinkId === undefined) return;
    el.setSinkId(sinkId).catch((err: unknown) => console.warn('[media] could not switch the speaker', err));
  }, [sinkId]);
  return <audio ref={ref} autoPlay />;
}

export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

/** Three bars, like every call app; the level is in the accessible name. */
export function QualityBars({ level, label }: { level: QualityLevel; label: string }) {
  return (
    <span className={`media-quality q-${level}`} role="img" aria-label={label} title={label} data-testid="network-quality" data-level={level}>
      <i />
      <i />
      <i />
    </span>
  );
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
  className?: string;
  /** Pin / spotlight buttons, shown on hover and focus (always on touch screens). */
  actions?: React.ReactNode;
  /** The connection indicator, if measured. */
  quality?: React.ReactNode;
}

export function Tile({ name, badge, speaking, micOff, micOffLabel, handRaised, handLabel, children, testId, className, actions, quality }: TileProps) {
  return (
    <figure className={`media-tile${speaking ? ' speaking' : ''}${className ? ` ${className}` : ''}`} data-testid={testId} data-name={name} aria-label={name}>
      {children ?? (
        <div className="media-avatar" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      {actions && <div className="media-tile-actions">{actions}</div>}
      <figcaption>
        {quality}
        <span className="media-tile-name">{name}</span>
        {badge && <span className="badge">{badge}</span>}
        {handRaised && (
          <span className="badge media-hand" title={handLabel}>
            <Icon name="hand" /> <span className="visually-hidden">{handLabel}</span>
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
