'use client';
import { useTranslations } from 'next-intl';
import { sortQuestions } from '@/lib/domain/qa-visibility';
import { NowAnswering, QaStatusLine } from './QaAudience';
import { QuestionMeta, QuestionText } from './QuestionItem';
import { useQa } from './use-qa';
import { ReactionOverlay } from '../engage/ReactionOverlay';

/** Read-only: the top approved questions, for the person answering them. */
export function QaPresenterView({ sessionId, limit = 10 }: { sessionId: string; limit?: number }) {
  const t = useTranslations('qa');
  const qa = useQa(sessionId, 'public');
  const top = sortQuestions(
    [...qa.questions.values()].filter((q) => q.status === 'approved' && q.id !== qa.highlighted?.id),
    'top',
  ).slice(0, limit);
  return (
    <div className="stack qa-presenter">
      <QaStatusLine status={qa.status} />
      <ReactionOverlay sessionId={sessionId} />
      <NowAnswering q={qa.highlighted} large />
      <section className="card stack" aria-labelledby="qa-top-heading">
        <h2 id="qa-top-heading" style={{ margin: 0 }}>
          {t('topQuestions')}
        </h2>
        {top.length === 0 && <p className="muted">{t('empty')}</p>}
        <ol className="qa-list">
          {top.map((q) => (
            <li key={q.id} className="qa-item">
              <div className="qa-vote static" aria-label={t('voteCount', { count: q.voteCount })}>
                <span aria-hidden="true">▲</span>
                <span className="qa-vote-count">{q.voteCount}</span>
              </div>
              <div className="qa-body">
                <QuestionText text={q.text} />
                <QuestionMeta q={q} />
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
