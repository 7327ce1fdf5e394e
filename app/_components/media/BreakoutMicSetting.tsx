'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { request } from '@/app/_lib/realtime-client';
import styles from '../engage/engage.module.css';

/**
 * The organizer's "join breakouts with microphone on" switch on the session's settings page. The box
 * follows the server's answer, not the click; the server checks the organizer role and stores it.
 */
export function BreakoutMicSetting({ sessionId, initial }: { sessionId: string; initial: boolean }) {
  const t = useTranslations('media.breakoutMic');
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (wanted: boolean) => {
    setBusy(true);
    const res = await request('session:set-breakout-mic', { sessionId, on: wanted });
    setBusy(false);
    if (res.ok) setOn(res.data.breakoutMicOn);
    setError(res.ok ? null : res.error.message);
  };
  return (
    <section className={styles.panel} aria-labelledby="breakout-mic-title" data-testid="breakout-mic-setting">
      <h2 id="breakout-mic-title" style={{ margin: 0, fontSize: '1.1rem' }}>
        {t('title')}
      </h2>
      <label className={styles.switch}>
        <input type="checkbox" checked={on} disabled={busy} onChange={(e) => void change(e.target.checked)} /> <span>{t('label')}</span>
      </label>
      <p className="muted" style={{ margin: 0 }}>
        {t('hint')}
      </p>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
