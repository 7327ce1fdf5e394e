'use client';
import { useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import styles from './engage.module.css';
import { useLobby } from './use-lobby';
import { LobbySwitchView } from './LobbySwitch';

/** Moderators: switch the lobby, see who waits (live), admit one, several or all, or deny with a message. */
export function LobbyAdmissions({ sessionId }: { sessionId: string }) {
  const t = useTranslations('engage');
  const format = useFormatter();
  const { view, error, setEnabled, admit, deny } = useLobby(sessionId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [denying, setDenying] = useState<string | null>(null);
  const [note, setNote] = useState('');
  if (view.kind !== 'ready' || !view.state.can.manage) return null;
  const { enabled } = view.state;
  const waiting = view.state.waiting ?? [];
  const chosen = [...selected].filter((id) => waiting.some((w) => w.userId === id));

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className={styles.panel} aria-labelledby="lobby-admin-title" data-testid="lobby-admissions">
      <h3 id="lobby-admin-title">{t('lobbyTitle')}</h3>
      <LobbySwitchView enabled={enabled} onChange={(on) => void setEnabled(on)} />
      {enabled && (
        <>
          <p className="muted" style={{ margin: 0 }} aria-live="polite">
            {t('waitingCount', { count: waiting.length })}
          </p>
          {waiting.length > 0 && (
            <div className={styles.actions}>
              <button type="button" onClick={() => void admit('all')}>
                {t('admitAll')}
              </button>
              <button type="button" className="secondary" disabled={!chosen.length} onClick={() => void admit(chosen).then(() => setSelected(new Set()))}>
                {t('admitSelected', { count: chosen.length })}
              </button>
            </div>
          )}
          <ul className={styles.list}>
            {waiting.map((w) => (
              <li key={w.userId} className={styles.item} data-testid="lobby-waiting-person">
                <label className={`${styles.who} ${styles.switch}`}>
                  <input type="checkbox" checked={selected.has(w.userId)} onChange={(e) => toggle(w.userId, e.target.checked)} />
                  <span>
                    <strong>{w.name}</strong>{' '}
                    <span className="muted">
                      <time dateTime={w.requestedAt}>{format.dateTime(new Date(w.requestedAt), { hour: '2-digit', minute: '2-digit' })}</time>
                    </span>
                  </span>
                </label>
                <span className={styles.actions}>
                  <button type="button" onClick={() => void admit([w.userId])} aria-label={t('admitNamed', { name: w.name })}>
                    {t('admit')}
                  </button>
                  <button type="button" className="secondary" onClick={() => (setDenying(w.userId), setNote(''))} aria-label={t('denyNamed', { name: w.name })}>
                    {t('deny')}
                  </button>
                </span>
                {denying === w.userId && (
                  <form
                    className={styles.denyForm}
                    onSubmit={(e) => {
                      e.preventDefault();
                      void deny(w.userId, note).then((ok) => ok && setDenying(null));
                    }}
                  >
                    <input aria-label={t('denyMessage')} placeholder={t('denyMessage')} value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
                    <button type="submit">{t('denyConfirm')}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
