'use client';
import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import styles from './recording.module.css';
import { useRecording } from './use-recording';
import { CallBarPopover } from '../../events/[slug]/sessions/[sessionId]/media/CallBarPopover';

/**
 * The recording indicator everyone in the session sees (a person joining while it runs is told in
 * the live region), and for organizers and moderators the buttons that start, pause, resume and
 * stop it. Shown on the session page and in the call's bar.
 */
export function RecordingStatus({ sessionId, inCallBar = false }: { sessionId: string; inCallBar?: boolean }) {
  const t = useTranslations('recording');
  const { state, manage, error, busy, act } = useRecording(sessionId);
  const [burnCaptions, setBurnCaptions] = useState(false);
  const captionsId = useId();
  const active = state?.active ?? null;
  // A recording that stopped by itself (a full disk) is explained to everyone, not only to the staff.
  if (!state || (!active && !manage && !state.problem)) return null;
  const problem = state.problem ? (state.problem === 'disk-full' ? t('problems.disk-full') : t('problems.other')) : null;
  // The staff's buttons: beside the indicator on the page, in a tray of the call's bar (one row of buttons there).
  const controls = manage ? (
    <>
      {!active && (
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
      {active?.status === 'recording' && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('pause')}>
          {t('pause')}
        </button>
      )}
      {active?.status === 'paused' && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('resume')}>
          {t('resume')}
        </button>
      )}
      {active && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void act('stop')}>
          {t('stop')}
        </button>
      )}
    </>
  ) : null;
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
      {controls && (inCallBar ? (
        <CallBarPopover icon="record" label={t('options')} active={!!active}>
          <div className={styles.tray}>{controls}</div>
        </CallBarPopover>
      ) : (
        controls
      ))}
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
