'use client';
import { useTranslations } from 'next-intl';
import styles from './watch.module.css';
import { useWatchers } from './use-watchers';

/**
 * Organizers and moderators: who watches the watch-only stream, with their raised hands and
 * questions, and an invitation into the call for one of them. Renders nothing for anyone else.
 */
export function WatcherPanel({ sessionId }: { sessionId: string }) {
  const t = useTranslations('watchers');
  const { allowed, list, error, promote } = useWatchers(sessionId);
  if (!allowed) return null;
  const hidden = list.count - list.watchers.length;
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="watchers-title">
      <h3 id="watchers-title">{t('title', { count: list.count })}</h3>
      {list.count === 0 && <p className="muted">{t('none')}</p>}
      {list.watchers.length > 0 && (
        <ul className={styles.list}>
          {list.watchers.map((w) => (
            <li key={w.userId} className={styles.watcher} data-testid="watcher">
              <span className={styles.name}>{w.name}</span>
              {w.handRaisedAt && (
                <span className={styles.context}>
                  <span aria-hidden="true">✋ </span>
                  {t('handRaised')}
                </span>
              )}
              {w.questions > 0 && <span className={`${styles.context} muted`}>{t('questions', { count: w.questions })}</span>}
              {w.invitation && (
                <span className={styles.context} data-testid="watcher-invitation" data-state={w.invitation}>
                  {t(`invitation.${w.invitation}`)}
                </span>
              )}
              <button type="button" className="secondary" disabled={w.invitation === 'pending' || w.invitation === 'accepted'} onClick={() => void promote(w.userId)}>
                {t('invite', { name: w.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && <p className="muted">{t('more', { count: hidden })}</p>}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
