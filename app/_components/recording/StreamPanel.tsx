'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import styles from './recording.module.css';
import { useStreaming } from './use-streaming';

/**
 * Organizers and moderators: stream the stage to RTMP destinations (status and errors shown, the
 * key never shown again once saved) and open the hall mixer's RTMP input. Renders nothing for
 * anyone else (the server refuses them).
 */
export function StreamPanel({ sessionId }: { sessionId: string }) {
  const t = useTranslations('recording.stream');
  const { allowed, destinations, ingest, error, add, toggle, remove, setIngestOpen, setWhipOpen } = useStreaming(sessionId);
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  if (!allowed) return null;
  const problem = (code: string | null) => (code ? t(`errors.${['refused', 'rejected', 'unreachable', 'tls', 'ffmpeg-missing', 'wrong-key', 'disconnected', 'no-port', 'bad-offer', 'no-media', 'wrong-token'].includes(code) ? code : 'failed'}`) : null);
  return (
    <section aria-labelledby="stream-title" className="stack">
      <h2 id="stream-title">{t('title')}</h2>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <h3>{t('destinations')}</h3>
      <ul className={styles.list}>
        {destinations.map((d) => (
          <li key={d.id} className={styles.meta} data-destination={d.id}>
            <strong>{d.label}</strong>
            <span>{d.url}</span>
            <span role="status" data-state={d.status.state}>
              {t(`states.${d.status.state}`)}
              {d.status.error && ` — ${problem(d.status.error)}`}
            </span>
            <button type="button" className="secondary" onClick={() => void toggle(d)}>
              {d.status.state === 'off' ? t('goLive', { label: d.label }) : t('stopStream', { label: d.label })}
            </button>
            <button type="button" className="secondary" onClick={() => void remove(d.id)}>
              {t('remove', { label: d.label })}
            </button>
          </li>
        ))}
      </ul>
      <form
        aria-label={t('addTitle')}
        className={styles.meta}
        onSubmit={(e) => {
          e.preventDefault();
          void add(label, url, key).then((ok) => {
            if (!ok) return;
            setLabel('');
            setUrl('');
            setKey('');
          });
        }}
      >
        <label>
          {t('label')} <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={80} />
        </label>
        <label>
          {t('url')} <input value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="rtmp://a.rtmp.youtube.com/live2" />
        </label>
        <label>
          {t('key')} <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required />
        </label>
        <button type="submit">{t('add')}</button>
      </form>
      <h3>{t('ingestTitle')}</h3>
      <p>{t('ingestHelp')}</p>
      {ingest?.enabled && ingest.url && (
        <dl className={styles.meta} data-testid="ingest-details">
          <dt>{t('ingestUrl')}</dt>
          <dd>
            <code data-testid="ingest-url">{ingest.url}</code>
          </dd>
          <dt>{t('ingestKey')}</dt>
          <dd>
            <code data-testid="ingest-key">{ingest.streamKey}</code>
          </dd>
        </dl>
      )}
      {ingest?.enabled && (
        <p role="status" data-testid="ingest-status" data-state={ingest.status.state}>
          {t(`ingestStates.${ingest.status.state}`)}
          {ingest.status.error && ` — ${problem(ingest.status.error)}`}
        </p>
      )}
      <button type="button" className="secondary" onClick={() => void setIngestOpen(!ingest?.enabled)}>
        {ingest?.enabled ? t('closeIngest') : t('openIngest')}
      </button>
      <h3>{t('whipTitle')}</h3>
      <p>{t('whipHelp')}</p>
      {ingest?.whip.enabled && (
        <>
          <dl className={styles.meta} data-testid="whip-details">
            <dt>{t('whipUrl')}</dt>
            <dd>
              <code data-testid="whip-url">{ingest.whip.url}</code>
            </dd>
            <dt>{t('whipToken')}</dt>
            <dd>
              <code data-testid="whip-token">{ingest.whip.token}</code>
            </dd>
          </dl>
          <p role="status" data-testid="whip-status" data-state={ingest.whip.status.state}>
            {t(`ingestStates.${ingest.whip.status.state}`)}
            {/* The RTMP input's "wrong key" reads as a wrong token here. */}
            {ingest.whip.status.error && ` — ${problem(ingest.whip.status.error === 'wrong-key' ? 'wrong-token' : ingest.whip.status.error)}`}
          </p>
        </>
      )}
      <button type="button" className="secondary" onClick={() => void setWhipOpen(!ingest?.whip.enabled)}>
        {ingest?.whip.enabled ? t('closeWhip') : t('openWhip')}
      </button>
    </section>
  );
}
