'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { QuestionView } from '@/lib/contracts/qa';
import { QA_REASON_MAX, QA_TEXT_MAX, type QaStatus as QuestionStatus } from '@/lib/domain/qa-rules';
import { sortQuestions } from '@/lib/domain/qa-visibility';
import { NowAnswering, QaStatusLine } from './QaAudience';
import { QuestionMeta, QuestionText } from './QuestionItem';
import { NewQuestionsAnnouncer } from './NewQuestionsAnnouncer';
import { useQa } from './use-qa';

type Tab = 'incoming' | 'live' | 'answered' | 'closed';
const TAB_STATUSES: Record<Tab, QuestionStatus[]> = {
  incoming: ['pending'],
  live: ['approved'],
  answered: ['answered'],
  closed: ['rejected', 'archived'],
};
type Actions = ReturnType<typeof useQa>['actions'];

function ModeratorItem({ q, open, isNow, actions, onError }: { q: QuestionView; open: QuestionView[]; isNow: boolean; actions: Actions; onError: (m: string | null) => void }) {
  const t = useTranslations('qa');
  const [mode, setMode] = useState<'idle' | 'reject' | 'edit' | 'merge'>('idle');
  const [reason, setReason] = useState('');
  const [draft, setDraft] = useState(q.text);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(true);
    onError(null);
    const res = await fn();
    setBusy(false);
    if (!res.ok) onError(res.error?.message ?? t('failed'));
    else setMode('idle');
  };
  const mergeTargets = open.filter((o) => o.id !== q.id);

  return (
    <li className={`qa-item qa-mod-item${isNow ? ' is-now' : ''}`} data-testid="qa-mod-question">
      <div className="qa-vote static" aria-label={t('voteCount', { count: q.voteCount })}>
        <span aria-hidden="true">▲</span>
        <span className="qa-vote-count">{q.voteCount}</span>
      </div>
      <div className="qa-body stack">
        <QuestionText text={q.text} />
        <span className="row">
          <QuestionMeta q={q} showCountry />
          {q.starred && <span className="badge qa-star">★ {t('starred')}</span>}
          {isNow && <span className="badge now">{t('nowAnswering')}</span>}
        </span>
        {q.status === 'rejected' && q.rejectReason && <p className="muted">{t('rejectedWithReason', { reason: q.rejectReason })}</p>}
        {mode === 'idle' && (
          <div className="row qa-actions">
            {(q.status === 'pending' || q.status === 'rejected') && (
              <button type="button" disabled={busy} onClick={() => run(() => actions.moderate(q.id, { type: 'approve' }))}>
                {t('approve')}
              </button>
            )}
            {(q.status === 'pending' || q.status === 'approved') && (
              <button type="button" className="secondary" disabled={busy} onClick={() => setMode('reject')}>
                {t('reject')}
              </button>
            )}
            {(q.status === 'approved' || q.status === 'answered') && !isNow && (
              <button type="button" disabled={busy} onClick={() => run(() => actions.highlight(q.id))}>
                {t('highlight')}
              </button>
            )}
            {q.status === 'approved' && (
              <button type="button" className="secondary" disabled={busy} onClick={() => run(() => actions.moderate(q.id, { type: 'answer' }))}>
                {t('markAnswered')}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              aria-pressed={q.starred}
              disabled={busy}
              onClick={() => run(() => actions.moderate(q.id, { type: 'star', starred: !q.starred }))}
            >
              {q.starred ? t('unstar') : t('star')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => (setDraft(q.text), setMode('edit'))}>
              {t('edit')}
            </button>
            {mergeTargets.length > 0 && (
              <button type="button" className="secondary" disabled={busy} onClick={() => setMode('merge')}>
                {t('merge')}
              </button>
            )}
            {q.status !== 'archived' && (
              <button type="button" className="secondary" disabled={busy} onClick={() => run(() => actions.moderate(q.id, { type: 'archive' }))}>
                {t('archive')}
              </button>
            )}
            {(q.status === 'answered' || q.status === 'archived' || q.status === 'rejected') && (
              <button type="button" className="secondary" disabled={busy} onClick={() => run(() => actions.moderate(q.id, { type: 'reopen' }))}>
                {t('reopen')}
              </button>
            )}
          </div>
        )}
        {mode === 'reject' && (
          <form className="stack" onSubmit={(e) => (e.preventDefault(), run(() => actions.moderate(q.id, { type: 'reject', reason })))}>
            <label>
              {t('rejectReason')}
              <span className="hint">{t('rejectReasonHint')}</span>
              <input value={reason} maxLength={QA_REASON_MAX} required onChange={(e) => setReason(e.target.value)} />
            </label>
            <div className="row">
              <button type="submit" className="danger" disabled={busy}>
                {t('rejectConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setMode('idle')}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
        {mode === 'edit' && (
          <form className="stack" onSubmit={(e) => (e.preventDefault(), run(() => actions.edit(q.id, draft)))}>
            <label>
              {t('editLabel')}
              <textarea value={draft} maxLength={QA_TEXT_MAX} rows={3} required onChange={(e) => setDraft(e.target.value)} />
            </label>
            <div className="row">
              <button type="submit" disabled={busy}>
                {t('save')}
              </button>
              <button type="button" className="secondary" onClick={() => setMode('idle')}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
        {mode === 'merge' && (
          <form className="stack" onSubmit={(e) => (e.preventDefault(), target && run(() => actions.merge(q.id, target)))}>
            <label>
              {t('mergeInto')}
              <span className="hint">{t('mergeHint')}</span>
              <select value={target} required onChange={(e) => setTarget(e.target.value)}>
                <option value="">{t('mergeChoose')}</option>
                {mergeTargets.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.text.length > 90 ? `${o.text.slice(0, 90)}…` : o.text}
                  </option>
                ))}
              </select>
            </label>
            <div className="row">
              <button type="submit" disabled={busy || !target}>
                {t('mergeConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setMode('idle')}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
    </li>
  );
}

/** The moderator's one merged queue: hall and online questions together, live. */
export function QaModeratorConsole({ sessionId, exportHref, displayHref }: { sessionId: string; exportHref: string; displayHref: string }) {
  const t = useTranslations('qa');
  const qa = useQa(sessionId);
  const [tab, setTab] = useState<Tab>('incoming');
  const [origin, setOrigin] = useState<'all' | 'in_person' | 'remote'>('all');
  const [country, setCountry] = useState('all');
  const [order, setOrder] = useState<'top' | 'newest'>('newest');
  const [error, setError] = useState<string | null>(null);

  const all = useMemo(() => [...qa.questions.values()].filter((q) => q.status !== 'withdrawn' && q.status !== 'merged'), [qa.questions]);
  const countries = useMemo(() => [...new Set(all.map((q) => q.country).filter((c): c is string => Boolean(c)))].sort(), [all]);
  const filtered = all.filter((q) => (origin === 'all' || q.origin === origin) && (country === 'all' || q.country === country));
  const byTab = (k: Tab) => filtered.filter((q) => TAB_STATUSES[k].includes(q.status));
  const shown = sortQuestions(byTab(tab), order).sort((a, b) => Number(b.starred) - Number(a.starred));
  const open = all.filter((q) => ['pending', 'approved', 'answered'].includes(q.status));
  const hall = all.filter((q) => q.origin === 'in_person').length;
  const countryCounts = countries.map((c) => [c, all.filter((q) => q.country === c).length] as const);

  return (
    <div className="stack qa-console">
      <QaStatusLine status={qa.status} />
      <NewQuestionsAnnouncer questions={all} ready={qa.status.kind === 'live'} />
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <div className="grid-2">
        <section className="card stack" aria-labelledby="qa-now-heading">
          <h2 id="qa-now-heading" style={{ margin: 0 }}>
            {t('nowAnswering')}
          </h2>
          {qa.highlighted ? <NowAnswering q={qa.highlighted} /> : <p className="muted">{t('nothingHighlighted')}</p>}
          {qa.highlighted && (
            <button type="button" className="secondary" onClick={async () => {
              const res = await qa.actions.highlight(null);
              if (!res.ok) setError(res.error.message);
            }}>
              {t('stopHighlight')}
            </button>
          )}
        </section>
        <section className="card stack" aria-labelledby="qa-settings-heading">
          <h2 id="qa-settings-heading" style={{ margin: 0 }}>
            {t('settings')}
          </h2>
          <label>
            {t('moderationMode')}
            <select
              value={qa.settings?.moderation ?? 'post'}
              disabled={!qa.settings}
              onChange={async (e) => {
                const res = await qa.actions.setModeration(e.target.value as 'pre' | 'post');
                if (!res.ok) setError(res.error.message);
              }}
            >
              <option value="post">{t('moderationPost')}</option>
              <option value="pre">{t('moderationPre')}</option>
            </select>
          </label>
          <p className="muted" style={{ margin: 0 }} data-testid="qa-balance">
            {t('balance', { total: all.length, hall, online: all.length - hall })}
            {countryCounts.length > 0 && ` · ${countryCounts.map(([c, n]) => `${c} ${n}`).join(', ')}`}
          </p>
          <div className="row">
            <a className="button secondary" href={exportHref} download>
              {t('exportCsv')}
            </a>
            <a className="button secondary" href={displayHref} target="_blank" rel="noreferrer">
              {t('openDisplay')}
            </a>
          </div>
        </section>
      </div>

      <section className="card stack" aria-labelledby="qa-queue-heading">
        <h2 id="qa-queue-heading" style={{ margin: 0 }}>
          {t('queue')}
        </h2>
        <div className="row qa-filters">
          <label>
            {t('filterOrigin')}
            <select value={origin} onChange={(e) => setOrigin(e.target.value as typeof origin)}>
              <option value="all">{t('all')}</option>
              <option value="in_person">{t('originHall')}</option>
              <option value="remote">{t('originOnline')}</option>
            </select>
          </label>
          <label>
            {t('filterCountry')}
            <select value={country} onChange={(e) => setCountry(e.target.value)}>
              <option value="all">{t('all')}</option>
              {countries.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sortLabel')}
            <select value={order} onChange={(e) => setOrder(e.target.value as typeof order)}>
              <option value="newest">{t('sortNewest')}</option>
              <option value="top">{t('sortTop')}</option>
            </select>
          </label>
        </div>
        <div className="row qa-tabs" role="group" aria-label={t('queue')}>
          {(Object.keys(TAB_STATUSES) as Tab[]).map((k) => (
            <button key={k} type="button" className={tab === k ? '' : 'secondary'} aria-pressed={tab === k} onClick={() => setTab(k)}>
              {t(`tab_${k}`)} <span className="badge">{byTab(k).length}</span>
            </button>
          ))}
        </div>
        {shown.length === 0 && <p className="muted">{t('emptyTab')}</p>}
        <ol className="qa-list">
          {shown.map((q) => (
            <ModeratorItem key={q.id} q={q} open={open} isNow={qa.highlighted?.id === q.id} actions={qa.actions} onError={setError} />
          ))}
        </ol>
      </section>
    </div>
  );
}
