'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { QuestionView } from '@/lib/contracts/qa';
import { QA_TEXT_MAX } from '@/lib/domain/qa-rules';
import { sortQuestions } from '@/lib/domain/qa-visibility';
import { QuestionMeta, QuestionText } from './QuestionItem';
import { NewQuestionsAnnouncer } from './NewQuestionsAnnouncer';
import { useQa, type QaStatus } from './use-qa';

const HIDDEN = new Set(['withdrawn', 'merged', 'archived']);

export function QaStatusLine({ status }: { status: QaStatus }) {
  const t = useTranslations('qa');
  return (
    <p className="muted qa-status" aria-live="polite">
      <span className={`status-dot ${status.kind === 'live' ? 'live' : ''}`} aria-hidden="true" />{' '}
      {status.kind === 'live' && t('live')}
      {status.kind === 'connecting' && t('connecting')}
      {status.kind === 'reconnecting' && t('reconnecting')}
      {status.kind === 'error' && <span role="alert">{status.message}</span>}
    </p>
  );
}

export function NowAnswering({ q, large = false }: { q: QuestionView | null; large?: boolean }) {
  const t = useTranslations('qa');
  if (!q) return null;
  return (
    <div className={`qa-now${large ? ' large' : ''}`} role="status" data-testid="qa-now-answering">
      <span className="qa-now-label">{t('nowAnswering')}</span>
      <QuestionText text={q.text} />
      <QuestionMeta q={q} />
    </div>
  );
}

function AskForm({ onAsk, preModeration }: { onAsk: ReturnType<typeof useQa>['actions']['ask']; preModeration: boolean }) {
  const t = useTranslations('qa');
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const length = text.trim().length;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!length || pending) return;
    setPending(true);
    setMessage(null);
    const res = await onAsk(text, anonymous);
    setPending(false);
    if (res.ok) {
      setText('');
      setMessage({ kind: 'ok', text: res.data.status === 'pending' ? t('sentPending') : t('sent') });
    } else {
      setMessage({ kind: 'error', text: res.error.code === 'rate_limited' ? t('rateLimitedAsk') : res.error.message });
    }
  }

  return (
    <form onSubmit={submit} className="stack qa-ask">
      <label>
        {t('yourQuestion')}
        <textarea
          name="question"
          value={text}
          maxLength={QA_TEXT_MAX}
          rows={3}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="qa-count"
          required
        />
      </label>
      <div className="row qa-ask-row">
        <span id="qa-count" className="muted qa-count">
          {t('charCount', { count: text.length, max: QA_TEXT_MAX })}
        </span>
        <label className="qa-check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          {t('askAnonymously')}
        </label>
      </div>
      {anonymous && <p className="hint muted qa-hint">{t('anonymousHint')}</p>}
      {preModeration && <p className="hint muted qa-hint">{t('preModerationHint')}</p>}
      <button type="submit" disabled={pending || !length}>
        {pending ? t('sending') : t('send')}
      </button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`alert ${message.kind === 'error' ? 'error' : 'ok'}`}>
          {message.text}
        </p>
      )}
    </form>
  );
}

function OwnControls({ q, actions, onError }: { q: QuestionView; actions: ReturnType<typeof useQa>['actions']; onError: (m: string) => void }) {
  const t = useTranslations('qa');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(q.text);
  if (!['pending', 'approved'].includes(q.status)) return null;
  if (editing) {
    return (
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await actions.edit(q.id, draft);
          if (res.ok) setEditing(false);
          else onError(res.error.message);
        }}
      >
        <label>
          {t('editLabel')}
          <textarea value={draft} maxLength={QA_TEXT_MAX} rows={3} onChange={(e) => setDraft(e.target.value)} required />
        </label>
        <div className="row">
          <button type="submit">{t('save')}</button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            {t('cancel')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="row">
      <button type="button" className="secondary small" onClick={() => (setDraft(q.text), setEditing(true))}>
        {t('edit')}
      </button>
      <button
        type="button"
        className="secondary small"
        onClick={async () => {
          if (!window.confirm(t('withdrawConfirm'))) return;
          const res = await actions.withdraw(q.id);
          if (!res.ok) onError(res.error.message);
        }}
      >
        {t('withdraw')}
      </button>
    </div>
  );
}

/**
 * Asking and voting, for the phone page and the session page's side column.
 * Nothing here loads media code: the phone page stays light.
 */
export function QaAudience({ sessionId, variant = 'panel' }: { sessionId: string; variant?: 'phone' | 'panel' }) {
  const t = useTranslations('qa');
  const qa = useQa(sessionId);
  const [order, setOrder] = useState<'top' | 'newest'>('top');
  const [error, setError] = useState<string | null>(null);
  const list = useMemo(
    () => sortQuestions([...qa.questions.values()].filter((q) => !HIDDEN.has(q.status) && (q.mine || q.status === 'approved' || q.status === 'answered')), order),
    [qa.questions, order],
  );
  const Heading = variant === 'phone' ? 'h1' : 'h2';

  async function vote(q: QuestionView) {
    setError(null);
    const res = await qa.actions.vote(q.id, !qa.myVotes.has(q.id));
    if (!res.ok) setError(res.error.code === 'rate_limited' ? t('rateLimitedVote') : res.error.message);
  }

  return (
    <section className={`card stack qa-audience qa-${variant}`} aria-labelledby={`qa-heading-${variant}`}>
      <Heading id={`qa-heading-${variant}`} className="qa-heading">
        {t('title')} <span className="badge">{list.length}</span>
      </Heading>
      <QaStatusLine status={qa.status} />
      <NewQuestionsAnnouncer questions={list} ready={qa.status.kind === 'live'} />
      <NowAnswering q={qa.highlighted} />
      {qa.can.ask && <AskForm onAsk={qa.actions.ask} preModeration={qa.settings?.moderation === 'pre'} />}
      <div className="row qa-sort" role="group" aria-label={t('sortLabel')}>
        <button type="button" className={order === 'top' ? '' : 'secondary'} aria-pressed={order === 'top'} onClick={() => setOrder('top')}>
          {t('sortTop')}
        </button>
        <button type="button" className={order === 'newest' ? '' : 'secondary'} aria-pressed={order === 'newest'} onClick={() => setOrder('newest')}>
          {t('sortNewest')}
        </button>
      </div>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      {qa.status.kind === 'live' && list.length === 0 && <p className="muted">{t('empty')}</p>}
      <ol className="qa-list" aria-label={t('listLabel')}>
        {list.map((q) => {
          const voted = qa.myVotes.has(q.id);
          return (
            <li key={q.id} className={`qa-item${qa.highlighted?.id === q.id ? ' is-now' : ''}`} data-testid="qa-question">
              <button
                type="button"
                className={`qa-vote${voted ? ' voted' : ''}`}
                aria-pressed={voted}
                disabled={q.status !== 'approved'}
                onClick={() => vote(q)}
              >
                {/* The name is the visible count plus hidden words ("3 votes, upvote"), so it contains what is seen. */}
                <span aria-hidden="true">▲</span>
                <span className="qa-vote-count">{q.voteCount}</span> <span className="visually-hidden">{t('voteSuffix', { count: q.voteCount })}</span>
              </button>
              <div className="qa-body">
                <QuestionText text={q.text} />
                <QuestionMeta q={q} />
                {q.mine && q.status === 'pending' && <p className="qa-own-status">{t('awaitingApproval')}</p>}
                {q.mine && q.status === 'rejected' && (
                  <p className="qa-own-status alert warn">{t('rejectedWithReason', { reason: q.rejectReason ?? '' })}</p>
                )}
                {q.mine && <OwnControls q={q} actions={qa.actions} onError={setError} />}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
