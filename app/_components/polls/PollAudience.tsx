'use client';
import { useTranslations } from 'next-intl';
import { PollAnswerForm } from './PollAnswerForm';
import { PollResultsView } from './PollResultsView';
import { usePolls } from './use-polls';

/**
 * The polls as a participant sees them, the same on the session page and on
 * a hall phone: the launched ones to answer, then the results of those that
 * show them (live, or once closed).
 */
export function PollAudience({ sessionId }: { sessionId: string }) {
  const t = useTranslations('polls');
  const polls = usePolls(sessionId);
  const list = [...polls.polls.values()].filter((p) => p.status !== 'draft').sort((a, b) => (b.launchedAt ?? '').localeCompare(a.launchedAt ?? ''));
  const live = list.filter((p) => p.status === 'live');
  // The poll closed last shows its final results in full; older ones fold away.
  const [latest, ...older] = list.filter((p) => p.status === 'closed').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return (
    <section className="card stack polls-audience" aria-labelledby="polls-heading" data-testid="polls-audience">
      <h2 id="polls-heading">{t('title')}</h2>
      {polls.status.kind === 'error' && <p role="alert">{polls.status.message}</p>}
      {polls.status.kind === 'reconnecting' && <p className="muted" role="status">{t('reconnecting')}</p>}
      <div aria-live="polite" className="stack">
        {live.length === 0 && <p className="muted">{t('noLivePoll')}</p>}
        {live.map((p) => {
          const results = polls.results.get(p.id);
          const answered = polls.myAnswers[p.id] ?? 0;
          return (
            <article key={p.id} className="poll-card stack" data-testid="poll-live">
              <h3 id={`poll-${p.id}-q`} className="poll-question">
                {p.question}
              </h3>
              <p className="muted poll-meta">
                {t(`kinds.${p.kind}`)}
                {p.anonymous ? ` · ${t('anonymousPoll')}` : ''}
              </p>
              {polls.can.answer && <PollAnswerForm poll={p} onAnswer={polls.actions.answer} answered={answered} />}
              {results ? <PollResultsView poll={p} results={results} /> : <p className="muted">{t('resultsAfterClose')}</p>}
            </article>
          );
        })}
      </div>
      {latest && (
        <article className="poll-card stack" data-testid="poll-closed">
          <h3 className="poll-question">{latest.question}</h3>
          {polls.results.get(latest.id) ? <PollResultsView poll={latest} results={polls.results.get(latest.id)!} /> : <p className="muted">{t('status.closed')}</p>}
        </article>
      )}
      {older.length > 0 && (
        <details className="poll-closed">
          <summary>{t('closedPolls', { count: older.length })}</summary>
          {older.map((p) => {
            const results = polls.results.get(p.id);
            return (
              <article key={p.id} className="poll-card stack" data-testid="poll-closed">
                <h3 className="poll-question">{p.question}</h3>
                {results && <PollResultsView poll={p} results={results} />}
              </article>
            );
          })}
        </details>
      )}
    </section>
  );
}
