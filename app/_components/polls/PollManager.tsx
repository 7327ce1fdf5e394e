'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { PollResults, PollView } from '@/lib/contracts/polls';
import { PollEditor } from './PollEditor';
import { PollResultsView } from './PollResultsView';
import { usePolls } from './use-polls';

type Actions = ReturnType<typeof usePolls>['actions'];

function ManagedPoll({ poll, results, actions, sessions, sessionId }: { poll: PollView; results: PollResults | undefined; actions: Actions; sessions: { id: string; title: string }[]; sessionId: string }) {
  const t = useTranslations('polls');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [target, setTarget] = useState(sessionId);
  const [editing, setEditing] = useState(false);
  const run = async (fn: () => Promise<{ ok: boolean; error?: { message: string } }>, done?: string) => {
    setBusy(true);
    setMessage(null);
    const res = await fn();
    setBusy(false);
    if (!res.ok) setMessage({ kind: 'error', text: res.error?.message ?? t('failed') });
    else if (done) setMessage({ kind: 'ok', text: done });
  };
  return (
    <li className={`poll-card stack poll-${poll.status}`} data-testid="poll-managed">
      <div className="row poll-managed-head">
        <h4 className="poll-question grow">{poll.question}</h4>
        <span className={`badge poll-status-${poll.status}`}>{t(`status.${poll.status}`)}</span>
        {poll.onDisplay && <span className="badge">{t('onDisplay')}</span>}
      </div>
      <p className="muted poll-meta">
        {t(`kinds.${poll.kind}`)}
        {poll.anonymous ? ` · ${t('anonymousPoll')}` : ''}
        {poll.resultsVisibility === 'after_close' ? ` · ${t('resultsAfterCloseOption')}` : ''}
      </p>
      <div className="row poll-actions">
        {poll.status === 'draft' && (
          <button type="button" disabled={busy} onClick={() => void run(() => actions.launch(poll.id))}>
            {t('launch')}
          </button>
        )}
        {poll.status === 'draft' && !editing && (
          <button type="button" className="secondary" disabled={busy} onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
        )}
        {poll.status === 'live' && (
          <button type="button" disabled={busy} onClick={() => void run(() => actions.close(poll.id))}>
            {t('close')}
          </button>
        )}
        <button type="button" className="secondary" aria-pressed={poll.onDisplay} disabled={busy} onClick={() => void run(() => actions.show(poll.id, !poll.onDisplay))}>
          {poll.onDisplay ? t('hideFromDisplay') : t('showOnDisplay')}
        </button>
        {poll.status !== 'live' && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => actions.remove(poll.id))}>
            {t('delete')}
          </button>
        )}
      </div>
      <div className="row poll-copy">
        <label className="grow">
          {t('copyTo')}
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id === sessionId ? t('thisSession') : s.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => actions.copy(poll.id, target), t('copied'))}>
          {t('copy')}
        </button>
      </div>
      {editing && poll.status === 'draft' && (
        <PollEditor
          editing={poll}
          onCancel={() => setEditing(false)}
          onSave={async (draft, launch) => {
            const res = await actions.update(poll.id, draft);
            if (!res.ok) return res;
            setEditing(false);
            return launch ? actions.launch(poll.id) : res;
          }}
        />
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : 'muted'}>
          {message.text}
        </p>
      )}
      {poll.status !== 'draft' && results && <PollResultsView poll={poll} results={results} />}
    </li>
  );
}

/** The session's engagement panel for moderators: prepared polls, live ones with results split by mode and country, closed ones. */
export function PollManager({ sessionId, sessions }: { sessionId: string; sessions: { id: string; title: string }[] }) {
  const t = useTranslations('polls');
  const polls = usePolls(sessionId);
  const list = [...polls.polls.values()].sort((a, b) => a.position - b.position);
  const groups = (['live', 'draft', 'closed'] as const).map((status) => ({ status, items: list.filter((p) => p.status === status) }));
  return (
    <div className="stack poll-manager" data-testid="poll-manager">
      {polls.status.kind === 'error' && <p role="alert">{polls.status.message}</p>}
      <p className="muted" aria-live="polite">
        {polls.status.kind === 'live' ? t('connected') : t('reconnecting')}
      </p>
      <section className="card">
        <PollEditor onSave={polls.actions.create} />
      </section>
      {groups.map(({ status, items }) => (
        <section key={status} className="stack" aria-labelledby={`polls-${status}`}>
          <h3 id={`polls-${status}`}>{t(`groups.${status}`, { count: items.length })}</h3>
          {items.length === 0 ? (
            <p className="muted">{t(`empty.${status}`)}</p>
          ) : (
            <ul className="stack poll-list">
              {items.map((p) => (
                <ManagedPoll key={p.id} poll={p} results={polls.results.get(p.id)} actions={polls.actions} sessions={sessions} sessionId={sessionId} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
