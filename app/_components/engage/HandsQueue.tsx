'use client';
import { useFormatter, useTranslations } from 'next-intl';
import styles from './engage.module.css';
import type { Hands } from './use-hands';

/** Presenters and moderators: raised hands in order of raising; moderators invite to the stage or lower. */
export function HandsQueue({ hands }: { hands: Hands }) {
  const t = useTranslations('engage');
  const format = useFormatter();
  if (!hands.queue) return null;
  return (
    <section className={styles.panel} aria-labelledby="hands-queue-title" data-testid="hands-queue">
      <h3 id="hands-queue-title">{t('handsQueue', { count: hands.queue.length })}</h3>
      {hands.queue.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('noHands')}
        </p>
      ) : (
        <ol className={styles.list}>
          {hands.queue.map((h) => (
            <li key={h.userId} className={styles.item} data-testid="raised-hand">
              <span className={styles.who}>
                <strong>{h.name}</strong>{' '}
                <span className="muted">
                  <time dateTime={h.raisedAt}>{format.dateTime(new Date(h.raisedAt), { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>
                </span>
              </span>
              <span className={styles.badge}>{h.onStage ? t('onStage') : h.inCall ? t('inCall') : t('notInCall')}</span>
              {hands.can.manage && (
                <span className={styles.actions}>
                  {!h.onStage && (
                    <button type="button" onClick={() => void hands.invite(h.userId)} aria-label={t('inviteNamed', { name: h.name })}>
                      {t('invite')}
                    </button>
                  )}
                  <button type="button" className="secondary" onClick={() => void hands.lower(h.userId)} aria-label={t('lowerNamed', { name: h.name })}>
                    {t('lower')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
