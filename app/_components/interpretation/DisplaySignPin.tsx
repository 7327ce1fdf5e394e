'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { SignReceiver, SignState } from '@/app/_lib/media/sign-receiver';
import styles from './sign-language.module.css';

declare global {
  interface Window {
    balaiSignStats?: () => Promise<{ consumerId: string | null; framesDecoded: number; consumers: number; audioConsumers: number }>;
  }
}

/**
 * The sign-language interpreter on the projector (a display link): pinned in
 * a corner, above everything the board shows. Nobody interacts with a
 * projector, so it cannot be moved or hidden here. The media client loads as
 * its own chunk, only on this page.
 */
export function DisplaySignPin() {
  const t = useTranslations('language');
  const [state, setState] = useState<SignState>({ name: null, track: null });
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    let receiver: SignReceiver | null = null;
    let live = true;
    void import('@/app/_lib/media/sign-receiver').then(({ SignReceiver }) => {
      if (!live) return;
      receiver = new SignReceiver(setState);
      const r = receiver;
      window.balaiSignStats = () => r.stats();
      r.start();
    });
    return () => {
      live = false;
      receiver?.stop();
      window.balaiSignStats = undefined;
    };
  }, []);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    el.srcObject = state.track ? new MediaStream([state.track]) : null;
    if (state.track) el.play().catch(() => undefined);
  }, [state.track]);

  if (!state.track || !state.name) return null;
  return (
    <div className={`${styles.pin} ${styles.projector}`} role="group" aria-label={t('signTitle')} data-testid="sign-language-pin">
      <video ref={video} autoPlay playsInline muted />
      <div className={styles.bar}>
        <span>{state.name}</span>
      </div>
    </div>
  );
}
