'use client';
import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import styles from './recording.module.css';
import { useRecording } from './use-recording';

/**
 * The recording indicator everyone in the session sees (a person joining while it runs is told in
 * the live region), and for organizers and moderators the buttons that start, pause, resume and
 * stop it. Shown on the session page and in the call's bar.
 */
export function RecordingStatus({ sessionId }: { sessionId: string }) {
  const t = useTranslations('recording');
  const { state, manage, error, busy, act } = useRecording(sessionId);
  const [burnCaptions, setBurnCaptions] = useState(false);
  const captionsId = useId();
  const active = state?.active ?? null;
  // A recording that stopped by itself (a full disk) is explained to everyone, not only to the staff.
  if (!state || (!active && !manage && !state.problem)) return null;
  const problem = state.problem ? (state.problem === 'disk-full' ? t('problems.disk-full') : t('problems.other')) : null;
  return (
    <div className={styles.status} data-testid="recording-status">
      <span role="status" aria-live="polite">
        {active && (
          <span className={`${styles.badge} ${active.status === 'paused' ? styles.paused : ''}`} data-recording={active.status}>
            <span className={styles.dot} aria-hidden="true" />
            {active.status === 'paused' ? t('paused') : t('recording')}
            <span className="visually-hidden"> — {t('joinedWhileRecording')}</span>
          </span>
        )}
      </span>
      {manage && !active && (
        <>
          <button type="button" className="secondary" disabled={busy} onClick={() => void act('start', { burnCaptions })}>
            {t('start')}
          </button>
          <span className={styles.option}>
            <input id={captionsId} type="checkbox" checked={burnCaptions} disabled={busy} onChange={(e) => setBurnCaptions(e.target.checked)} />
            <label htmlFor={captionsId}>{t('burnCaptions')}</label>
          </span>
        </>
      )}
      {manage && active?.status === 'recording' && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('pause')}>
          {t('pause')}
        </button>
      )}
      {manage && active?.status === 'paused' && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('resume')}>
          {t('resume')}
        </button>
      )}
      {manage && active && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('stop')}>
          {t('stop')}
        </button>
      )}
      {problem && !active && (
        <span className={styles.error} data-testid="recording-problem">
          {problem}
        </span>
      )}
      {error && (
        <span role="alert" className={styles.error}>
          {error}
        </span>
      )}
    </div>
  );
}
