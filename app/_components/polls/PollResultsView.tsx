'use client';
import { useTranslations } from 'next-intl';
import type { PollResults, PollTally, PollView } from '@/lib/contracts/polls';

const pct = (n: number, total: number) => (total ? Math.round((n / total) * 100) : 0);

function Bars({ rows, total, testId }: { rows: { key: string; label: string; count: number; correct?: boolean }[]; total: number; testId?: string }) {
  const t = useTranslations('polls');
  return (
    <ul className="poll-bars" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} className={r.correct ? 'is-correct' : undefined}>
          <span className="poll-bar-label">
            {r.label}
            {r.correct && <span className="badge poll-correct"> ✓ {t('correct')}</span>}
          </span>
          <span className="poll-bar-track" aria-hidden="true">
            <span className="poll-bar-fill" style={{ width: `${pct(r.count, total)}%` }} />
          </span>
          <span className="poll-bar-count">{t('countPercent', { count: r.count, percent: pct(r.count, total) })}</span>
        </li>
      ))}
    </ul>
  );
}

/** Word sizes scale with the count between 1 and 3 rem; the list order (most frequent first) is what a screen reader hears. */
export function WordCloud({ words, large = false }: { words: PollTally['words']; large?: boolean }) {
  const t = useTranslations('polls');
  if (!words.length) return <p className="muted">{t('noAnswers')}</p>;
  const max = Math.max(...words.map((w) => w.count));
  const scale = large ? 2 : 1;
  return (
    <ul className="poll-cloud" data-testid="poll-word-cloud" aria-label={t('wordCloud')}>
      {words.map((w, i) => (
        <li key={w.text} className={`poll-word tone-${i % 4}`} style={{ fontSize: `${(1 + (2 * (w.count - 1)) / Math.max(1, max - 1)) * scale}rem` }}>
          <span>{w.text}</span>
          <span className="visually-hidden">{t('wordCount', { count: w.count })}</span>
        </li>
      ))}
    </ul>
  );
}

export function TallyView({ poll, tally, large = false }: { poll: PollView; tally: PollTally; large?: boolean }) {
  const t = useTranslations('polls');
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? '';
  switch (poll.kind) {
    case 'single':
    case 'multiple':
    case 'quiz': {
      const total = poll.kind === 'multiple' ? tally.responses : tally.options.reduce((s, o) => s + o.count, 0);
      return <Bars testId="poll-bars" total={total} rows={tally.options.map((o) => ({ key: o.id, label: label(o.id), count: o.count, correct: poll.options.find((x) => x.id === o.id)?.correct === true }))} />;
    }
    case 'rating':
      return (
        <div className="stack">
          <p className="poll-average">{tally.average === null ? t('noAnswers') : t('average', { average: tally.average, max: poll.scaleMax })}</p>
          <Bars total={tally.responses} rows={tally.ratings.map((count, i) => ({ key: String(i + 1), label: t('stars', { count: i + 1 }), count }))} />
        </div>
      );
    case 'word_cloud':
      return <WordCloud words={tally.words} large={large} />;
    case 'open':
      return tally.texts.length ? (
        <ul className="poll-texts">
          {tally.texts.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('noAnswers')}</p>
      );
    case 'ranking':
      return (
        <ol className="poll-ranking">
          {tally.ranking.map((r) => (
            <li key={r.id}>
              <span>{label(r.id)}</span> <span className="muted">{t('points', { count: r.score })}</span>
            </li>
          ))}
        </ol>
      );
    default: {
      const never: never = poll.kind;
      return never;
    }
  }
}

export function Leaderboard({ entries }: { entries: NonNullable<PollResults['leaderboard']> }) {
  const t = useTranslations('polls');
  if (!entries.length) return null;
  return (
    <table className="poll-leaderboard" data-testid="poll-leaderboard">
      <caption>{t('leaderboard')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rank')}</th>
          <th scope="col">{t('name')}</th>
          <th scope="col">{t('score')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <td>{e.rank}</td>
            <td>{e.name ?? t('anonymous')}</td>
            <td>{e.score}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A poll's results for anyone allowed to see them; the splits appear only when the server sent them (moderators). */
export function PollResultsView({ poll, results, large = false }: { poll: PollView; results: PollResults; large?: boolean }) {
  const t = useTranslations('polls');
  return (
    <div className="stack poll-results" aria-live="polite" aria-atomic="false">
      <p className="muted poll-total">
        {t('responses', { count: results.all.responses })}
        {results.final ? ` · ${t('final')}` : ''}
      </p>
      <TallyView poll={poll} tally={results.all} large={large} />
      {results.leaderboard && <Leaderboard entries={results.leaderboard} />}
      {results.byMode && (
        <details className="poll-split">
          <summary>{t('splitTitle')}</summary>
          <div className="poll-split-grid">
            <section>
              <h4>{t('hall', { count: results.byMode.in_person.responses })}</h4>
              <TallyView poll={poll} tally={results.byMode.in_person} />
            </section>
            <section>
              <h4>{t('online', { count: results.byMode.remote.responses })}</h4>
              <TallyView poll={poll} tally={results.byMode.remote} />
            </section>
          </div>
          {results.byCountry && results.byCountry.length > 0 && (
            <p className="muted">
              {t('byCountry')}: {results.byCountry.map((c) => `${c.country || t('noCountry')} ${c.responses}`).join(' · ')}
            </p>
          )}
        </details>
      )}
    </div>
  );
}
