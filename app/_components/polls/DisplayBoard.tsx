'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import type { Ack } from '@/lib/contracts/define';
import type { PollSnapshot } from '@/lib/contracts/polls';
import type { QaSnapshot } from '@/lib/contracts/qa';
import { sortQuestions } from '@/lib/domain/qa-visibility';
import { realtime, request, setDisplayToken } from '../../_lib/realtime-client';
import { useQa } from '../qa/use-qa';
import { PollResultsView } from './PollResultsView';
import { useSecondsLeft } from './PollAnswerForm';
import { usePolls } from './use-polls';
import { ReactionOverlay } from '../engage/ReactionOverlay';

/**
 * The projector through a display link: the socket carries the link's token
 * (no cookie), and the server sends only public content. Read-only: no
 * control on the page does anything but show.
 */
export function DisplayBoard({ token, sessionId, title, qrDataUrl, shortUrl, code }: { token: string; sessionId: string; title: string; qrDataUrl: string; shortUrl: string; code: string }) {
  // Before any effect opens the connection; only in the browser (the server never connects).
  useState(() => typeof window !== 'undefined' && setDisplayToken(token));
  const t = useTranslations('polls');
  const tq = useTranslations('qa');
  const [revoked, setRevoked] = useState(false);
  const joinQa = useCallback(async (): Promise<Ack<QaSnapshot>> => {
    const res = await request('display:join', {});
    return res.ok ? { ok: true, data: res.data.qa } : res;
  }, []);
  const joinPolls = useCallback(async (): Promise<Ack<PollSnapshot>> => {
    const res = await request('display:join', {});
    return res.ok ? { ok: true, data: res.data.polls } : res;
  }, []);
  const qa = useQa(sessionId, 'public', joinQa);
  const polls = usePolls(sessionId, joinPolls);

  useEffect(() => {
    const socket = realtime();
    const onRevoked = () => setRevoked(true);
    // A revoked link's reconnects are refused at the handshake.
    const onRefused = (err: Error & { data?: { code?: string } }) => err.data?.code === 'unauthenticated' && setRevoked(true);
    socket.on('display:revoked', onRevoked);
    socket.on('connect_error', onRefused);
    return () => {
      socket.off('display:revoked', onRevoked);
      socket.off('connect_error', onRefused);
    };
  }, []);

  const shown = [...polls.polls.values()].filter((p) => p.onDisplay).sort((a, b) => (b.launchedAt ?? '').localeCompare(a.launchedAt ?? ''))[0];
  const shownResults = shown ? polls.results.get(shown.id) : undefined;
  const left = useSecondsLeft(shown?.status === 'live' ? shown.deadline : null);

  if (revoked) {
    return (
      <div className="qa-display" data-testid="display-revoked">
        <p className="qa-display-question muted-light" role="status">
          {t('displayRevoked')}
        </p>
      </div>
    );
  }

  const now = qa.highlighted;
  const next = sortQuestions([...qa.questions.values()].filter((q) => q.status === 'approved' && q.id !== now?.id), 'top').slice(0, 4);
  return (
    <div className="qa-display" data-testid="display-board">
      <ReactionOverlay sessionId={sessionId} join={false} large />
      <header className="qa-display-head">
        <h1>{title}</h1>
        <span className={`qa-display-conn ${qa.status.kind}`} aria-live="polite">
          {qa.status.kind === 'live' ? tq('live') : tq('reconnecting')}
        </span>
      </header>
      <div className="qa-display-main">
        {shown ? (
          <section className="qa-display-now display-poll" aria-labelledby="display-poll-q" data-testid="display-poll">
            <p className="qa-display-label">
              {shown.status === 'closed' ? t('finalResults') : t('pollNow')}
              {left !== null && ` · ${left > 0 ? t('secondsLeft', { count: left }) : t('timeUp')}`}
            </p>
            <p id="display-poll-q" className="qa-display-question">
              {shown.question}
            </p>
            {shownResults ? <PollResultsView poll={shown} results={shownResults} large /> : <p className="muted-light">{t('resultsAfterClose')}</p>}
          </section>
        ) : (
          <section className="qa-display-now" aria-label={tq('nowAnswering')}>
            {now ? (
              <>
                <p className="qa-display-label">{tq('nowAnswering')}</p>
                <p className="qa-display-question" data-testid="qa-display-now">
                  {now.text}
                </p>
                <p className="qa-display-author">
                  {now.authorName ?? tq('anonymous')} · {now.origin === 'in_person' ? tq('originHall') : tq('originOnline')}
                </p>
              </>
            ) : (
              <p className="qa-display-question muted-light">{tq('displayWaiting')}</p>
            )}
          </section>
        )}
        <aside className="qa-display-side">
          <div className="qa-display-join">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
            <img src={qrDataUrl} alt={tq('qrAlt')} width={200} height={200} />
            <p>{tq('displayJoin')}</p>
            <p className="qa-display-url">{shortUrl}</p>
            <p>
              {tq('displayCode')} <strong className="qa-display-code">{code}</strong>
            </p>
          </div>
        </aside>
      </div>
      {next.length > 0 && (
        <section className="qa-display-next" aria-label={tq('upNext')}>
          <h2>{tq('upNext')}</h2>
          <ol>
            {next.map((q) => (
              <li key={q.id} data-testid="display-question">
                <span className="qa-display-votes">▲ {q.voteCount}</span> <span>{q.text}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
