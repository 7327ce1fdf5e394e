'use client';
import { useTranslations } from 'next-intl';
import { sortQuestions } from '@/lib/domain/qa-visibility';
import { useQa } from './use-qa';
import { ReactionOverlay } from '../engage/ReactionOverlay';

/**
 * The venue projector: no controls, updates itself. Socket.IO reconnects on
 * its own after a drop and the hook re-joins with a fresh snapshot.
 */
export function QaRoomDisplay({ sessionId, title, qrDataUrl, shortUrl, code }: { sessionId: string; title: string; qrDataUrl: string; shortUrl: string; code: string }) {
  const t = useTranslations('qa');
  const qa = useQa(sessionId, 'public');
  const next = sortQuestions(
    [...qa.questions.values()].filter((q) => q.status === 'approved' && q.id !== qa.highlighted?.id),
    'top',
  ).slice(0, 4);
  const now = qa.highlighted;
  return (
    <div className="qa-display" data-testid="qa-display">
      <ReactionOverlay sessionId={sessionId} large />
      <header className="qa-display-head">
        <h1>{title}</h1>
        <span className={`qa-display-conn ${qa.status.kind}`} aria-live="polite">
          {qa.status.kind === 'live' ? t('live') : t('reconnecting')}
        </span>
      </header>
      <div className="qa-display-main">
        <section className="qa-display-now" aria-label={t('nowAnswering')}>
          {now ? (
            <>
              <p className="qa-display-label">{t('nowAnswering')}</p>
              <p className="qa-display-question" data-testid="qa-display-now">
                {now.text}
              </p>
              <p className="qa-display-author">
                {now.authorName ?? t('anonymous')} · {now.origin === 'in_person' ? t('originHall') : t('originOnline')}
              </p>
            </>
          ) : (
            <p className="qa-display-question muted-light">{t('displayWaiting')}</p>
          )}
        </section>
        <aside className="qa-display-side">
          <div className="qa-display-join">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
            <img src={qrDataUrl} alt={t('qrAlt')} width={240} height={240} />
            <p>{t('displayJoin')}</p>
            <p className="qa-display-url">{shortUrl}</p>
            <p>
              {t('displayCode')} <strong className="qa-display-code">{code}</strong>
            </p>
          </div>
        </aside>
      </div>
      {next.length > 0 && (
        <section className="qa-display-next" aria-label={t('upNext')}>
          <h2>{t('upNext')}</h2>
          <ol>
            {next.map((q) => (
              <li key={q.id}>
                <span className="qa-display-votes">▲ {q.voteCount}</span> <span>{q.text}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
