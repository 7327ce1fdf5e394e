'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { request } from '@/app/_lib/realtime-client';
import { uuid as newUuid } from '@/app/_lib/uuid';
import { useCaptions } from './use-captions';
import styles from './captions.module.css';

/**
 * The captioner's console (CART): what is typed goes out as it is typed
 * (interim lines with one id), Enter sends the line as final — stored in the
 * transcript — and starts the next one. Retries reuse the line's id.
 */
export function CaptionConsole({ sessionId, defaultLanguage, selfName }: { sessionId: string; defaultLanguage: string; selfName: string }) {
  const t = useTranslations('language');
  const { lines } = useCaptions(sessionId, true);
  const [text, setText] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [language, setLanguage] = useState(defaultLanguage);
  const [error, setError] = useState<string | null>(null);
  const lineId = useRef(newUuid());

  // One request in flight, the latest text next: lines arrive in the order they were typed, and a
  // burst of keystrokes becomes one update. The final line (Enter) supersedes any typing still queued.
  const queued = useRef<{ text: string; final: boolean } | null>(null);
  const busy = useRef(false);

  const sendNow = async (body: string, final: boolean) => {
    const res = await request('captions:send', { sessionId, lineId: lineId.current, text: body.trim(), language, final, speakerName: speaker || selfName });
    setError(res.ok ? null : res.error.message);
    return res.ok;
  };

  const pump = async () => {
    if (busy.current) return;
    busy.current = true;
    while (queued.current) {
      const next = queued.current;
      queued.current = null;
      const ok = await sendNow(next.text, next.final);
      if (next.final && ok) {
        lineId.current = newUuid();
        setText((current) => (current === next.text ? '' : current));
      }
    }
    busy.current = false;
  };

  const send = (body: string, final: boolean) => {
    if (!body.trim()) return;
    if (queued.current?.final && !final) return;
    queued.current = { text: body, final };
    void pump();
  };

  return (
    <div className={styles.console} data-testid="caption-console">
      <div className="row">
        <label>
          {t('speaker')} <input value={speaker} onChange={(e) => setSpeaker(e.target.value)} placeholder={selfName} maxLength={80} />
        </label>
        <label>
          {t('captionLanguage')} <input value={language} onChange={(e) => setLanguage(e.target.value)} maxLength={10} size={6} />
        </label>
      </div>
      <label htmlFor="caption-input">{t('captionInput')}</label>
      <textarea
        id="caption-input"
        value={text}
        aria-describedby="caption-hint"
        onChange={(e) => {
          setText(e.target.value);
          send(e.target.value, false);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.shiftKey) return;
          e.preventDefault();
          send(text, true);
        }}
      />
      <p id="caption-hint" className="muted" style={{ margin: 0 }}>
        {t('captionHint')}
      </p>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <div className={styles.lines} role="log" aria-label={t('captionsRegion')}>
        {lines.length === 0 && <p className="muted">{t('noCaptionsYet')}</p>}
        {lines.map((l) => (
          <p key={l.id} className={l.final ? undefined : styles.interim}>
            <strong>{l.speakerName}:</strong> {l.text}
          </p>
        ))}
      </div>
    </div>
  );
}
