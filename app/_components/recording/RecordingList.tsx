'use client';
import { useLocale, useTranslations } from 'next-intl';
import { RECORDING_VISIBILITIES, type RecordingSummary } from '@/lib/contracts/recording';
import { formatByteSize, intlLocale } from '@/lib/i18n/format';
import styles from './recording.module.css';
import { useRecordingList } from './use-recording';

/**
 * The session's recordings for those allowed to watch them: a player (the MP4 is served with range
 * requests, so it seeks), a download link, and for organizers and moderators who may watch
 * (staff, participants, a public link) and delete.
 */
export function RecordingList({ sessionId }: { sessionId: string }) {
  const t = useTranslations('recording');
  const { recordings, manage, error, setVisibility, remove } = useRecordingList(sessionId);
  if (!recordings || (!recordings.length && !manage)) return null;
  return (
    <section aria-labelledby="recordings-title" className="stack">
      <h2 id="recordings-title">{t('listTitle')}</h2>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      {!recordings.length && <p>{t('none')}</p>}
      <ul className={styles.list}>
        {recordings.map((r) => (
          <RecordingItem key={r.id} recording={r} manage={manage} onVisibility={setVisibility} onDelete={remove} />
        ))}
      </ul>
    </section>
  );
}

function RecordingItem({
  recording: r,
  manage,
  onVisibility,
  onDelete,
}: {
  recording: RecordingSummary;
  manage: boolean;
  onVisibility: (id: string, v: RecordingSummary['visibility']) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}) {
  const t = useTranslations('recording');
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(r.startedAt));
  const seconds = Math.round((r.durationMs ?? 0) / 1000);
  return (
    <li className={styles.item} data-recording-id={r.id}>
      <p className={styles.meta}>
        <strong>{t('startedAt', { when })}</strong>
        {r.durationMs !== null && <span>{t('duration', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })}</span>}
        {r.sizeBytes !== null && <span>{formatByteSize(r.sizeBytes)}</span>}
      </p>
      {r.status === 'ready' && r.url && (
        <>
          <video controls preload="metadata" src={r.url} aria-label={t('player', { when })} />
          <p className={styles.meta}>
            <a href={`${r.url}?download=1`} download>
              {t('download')}
            </a>
            {r.publicUrl && (
              <span>
                {t('publicLink')}: <a href={r.publicUrl}>{typeof window === 'undefined' ? r.publicUrl : new URL(r.publicUrl, window.location.origin).href}</a>
              </span>
            )}
          </p>
        </>
      )}
      {(r.status === 'processing' || r.status === 'recording' || r.status === 'paused') && <p>{t('processing')}</p>}
      {r.status === 'failed' && <p className={styles.error}>{t('failed')}</p>}
      {manage && (
        <p className={styles.meta}>
          <label>
            {t('visibility')}{' '}
            <select value={r.visibility} onChange={(e) => void onVisibility(r.id, e.target.value as RecordingSummary['visibility'])}>
              {RECORDING_VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {t(`visibilities.${v}`)}
                </option>
              ))}
            </select>
          </label>
          {(r.status === 'ready' || r.status === 'failed') && (
            <button type="button" className="secondary" onClick={() => window.confirm(t('confirmDelete')) && void onDelete(r.id)}>
              {t('delete')}
            </button>
          )}
        </p>
      )}
    </li>
  );
}
