'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { PollAnswer, PollView } from '@/lib/contracts/polls';
import { POLL_TEXT_MAX, POLL_WORD_MAX } from '@/lib/domain/poll-rules';
import type { usePolls } from './use-polls';

type Answer = ReturnType<typeof usePolls>['actions']['answer'];

/** Seconds left on a quiz's timer, ticking once a second; null without a deadline. */
export function useSecondsLeft(deadline: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline ? Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000)) : null;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

/** The answer form for one poll, by kind; every control is labelled and works with the keyboard. */
export function PollAnswerForm({ poll, onAnswer, answered }: { poll: PollView; onAnswer: Answer; answered: number }) {
  const t = useTranslations('polls');
  const [choice, setChoice] = useState<string[]>([]);
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const [ranking, setRanking] = useState(() => poll.options.map((o) => o.id));
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const left = useSecondsLeft(poll.deadline);
  const timeUp = left === 0;
  const done = answered > 0 && !poll.multipleAnswers;
  const id = `poll-${poll.id}`;

  if (done) return <p className="poll-thanks" role="status">{t('thanks')}</p>;

  const answer = (): PollAnswer | null => {
    switch (poll.kind) {
      case 'single':
      case 'multiple':
      case 'quiz':
        return choice.length ? { type: 'choice', choices: choice } : null;
      case 'rating':
        return rating ? { type: 'rating', rating } : null;
      case 'open':
      case 'word_cloud':
        return text.trim() ? { type: 'text', text } : null;
      case 'ranking':
        return { type: 'ranking', ranking };
      default: {
        const never: never = poll.kind;
        return never;
      }
    }
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const a = answer();
    if (!a || pending) return;
    setPending(true);
    setMessage(null);
    const res = await onAnswer(poll.id, a);
    setPending(false);
    if (res.ok) {
      setText('');
      setMessage({ kind: 'ok', text: poll.multipleAnswers ? t('sentAgain') : t('thanks') });
    } else setMessage({ kind: 'error', text: res.error.message });
  }

  const single = poll.kind === 'single' || poll.kind === 'quiz';
  return (
    <form className="stack poll-answer" onSubmit={submit} aria-labelledby={`${id}-q`}>
      {left !== null && (
        <p className={`poll-timer${timeUp ? ' is-up' : ''}`} aria-live={timeUp ? 'assertive' : 'off'}>
          {timeUp ? t('timeUp') : t('secondsLeft', { count: left })}
        </p>
      )}
      {(poll.kind === 'single' || poll.kind === 'multiple' || poll.kind === 'quiz') && (
        <fieldset className="poll-options">
          <legend className="visually-hidden">{poll.question}</legend>
          {poll.options.map((o) => (
            <label key={o.id} className="poll-option">
              <input
                type={single ? 'radio' : 'checkbox'}
                name={id}
                value={o.id}
                checked={choice.includes(o.id)}
                onChange={(e) => setChoice(single ? [o.id] : e.target.checked ? [...choice, o.id] : choice.filter((c) => c !== o.id))}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      {poll.kind === 'rating' && (
        <fieldset className="poll-stars">
          <legend className="visually-hidden">{poll.question}</legend>
          {Array.from({ length: poll.scaleMax }, (_, i) => i + 1).map((n) => (
            <label key={n} className={`poll-star${n <= rating ? ' on' : ''}`}>
              <input type="radio" name={id} value={n} checked={rating === n} onChange={() => setRating(n)} className="visually-hidden" />
              <span aria-hidden="true">★</span>
              <span className="visually-hidden">{t('ratingOf', { value: n, max: poll.scaleMax })}</span>
            </label>
          ))}
        </fieldset>
      )}
      {poll.kind === 'word_cloud' && (
        <label>
          {t('yourWord')}
          <input value={text} maxLength={POLL_WORD_MAX} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </label>
      )}
      {poll.kind === 'open' && (
        <label>
          {t('yourAnswer')}
          <textarea value={text} maxLength={POLL_TEXT_MAX} rows={3} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      {poll.kind === 'ranking' && (
        <ol className="poll-rank-list" aria-label={t('rankHint')}>
          {ranking.map((optionId, i) => (
            <li key={optionId}>
              <span>{poll.options.find((o) => o.id === optionId)?.label}</span>
              <span className="row">
                <button type="button" className="secondary small" disabled={i === 0} onClick={() => setRanking(move(ranking, i, i - 1))} aria-label={t('moveUp', { label: poll.options.find((o) => o.id === optionId)?.label ?? '' })}>
                  ↑
                </button>
                <button
                  type="button"
                  className="secondary small"
                  disabled={i === ranking.length - 1}
                  onClick={() => setRanking(move(ranking, i, i + 1))}
                  aria-label={t('moveDown', { label: poll.options.find((o) => o.id === optionId)?.label ?? '' })}
                >
                  ↓
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="row">
        <button type="submit" disabled={pending || timeUp || !answer()}>
          {pending ? t('sending') : t('send')}
        </button>
        {message && (
          <span role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : 'muted'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
