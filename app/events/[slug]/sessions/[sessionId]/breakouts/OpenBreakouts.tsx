'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { BreakoutMember, Cohort } from '@/lib/contracts/breakouts';
import type { AssignmentMode } from '@/lib/domain/breakout-assignment';
import { request } from '@/app/_lib/realtime-client';
import { uuid } from '@/app/_lib/uuid';

const MODES: AssignmentMode[] = ['balanced', 'random', 'manual', 'self_select'];

/** Opening rooms: a count or names, or the event's cohorts; the mode; the time. */
export function OpenBreakouts({ sessionId }: { sessionId: string }) {
  const t = useTranslations('breakouts');
  const [count, setCount] = useState(2);
  const [names, setNames] = useState('');
  const [mode, setMode] = useState<AssignmentMode>('balanced');
  const [minutes, setMinutes] = useState(15);
  const [capacity, setCapacity] = useState('');
  const [cohorts, setCohorts] = useState<Cohort[]>([]);
  const [roster, setRoster] = useState<BreakoutMember[]>([]);
  const [useCohorts, setUseCohorts] = useState<string[]>([]);
  const [manual, setManual] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  // One id per attempt: a retried "open" after a lost answer finds the run it made.
  const [runId, setRunId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void request('breakout:cohorts', { sessionId }).then((res) => {
      if (cancelled) return;
      if (res.ok) {
        setCohorts(res.data.cohorts);
        setRoster(res.data.roster);
      } else setError(res.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId]);

  const named = names
    .split('\n')
    .map((n) => n.trim())
    .filter(Boolean);
  const rooms = [
    ...cohorts.filter((c) => useCohorts.includes(c.id)).map((c) => ({ name: c.name, cohortId: c.id, inHallTable: c.inHallTable })),
    ...(named.length ? named : useCohorts.length ? [] : Array.from({ length: count }, (_, i) => t('roomN', { n: i + 1 }))).map((name) => ({ name, inHallTable: false })),
  ];

  const open = async (e: React.FormEvent) => {
    e.preventDefault();
    const id = runId ?? uuid();
    setRunId(id);
    setBusy(true);
    setError(null);
    const cap = capacity ? Number(capacity) : undefined;
    const res = await request('breakout:open', {
      sessionId,
      runId: id,
      mode,
      durationMinutes: minutes,
      rooms: rooms.map((r) => ({ ...r, ...(mode === 'self_select' && cap ? { capacity: cap } : {}) })),
      manual: mode === 'manual' ? Object.entries(manual).filter(([, room]) => room >= 0 && room < rooms.length).map(([userId, room]) => ({ userId, room })) : [],
    });
    setBusy(false);
    if (res.ok) setRunId(null);
    else setError(res.error.message);
  };

  // Folded until wanted: for a moderator the stage, not this form, is the first thing on the page.
  return (
    <details className="stack">
      <summary>{t('openTitle')}</summary>
      <form className="stack breakouts-open" onSubmit={open} aria-label={t('openTitle')}>
        <div className="grid-2">
          <label>
            {t('roomCount')}
            <input type="number" min={1} max={100} value={count} onChange={(e) => setCount(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} disabled={named.length > 0} />
          </label>
          <label>
            {t('roomNames')} <span className="hint">{t('roomNamesHint')}</span>
            <textarea rows={3} value={names} onChange={(e) => setNames(e.target.value)} />
          </label>
          <label>
            {t('mode')}
            <select value={mode} onChange={(e) => setMode(e.target.value as AssignmentMode)}>
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`modes.${m}`)}
                </option>
              ))}
            </select>
            <span className="hint">{t(`modeHints.${mode}`)}</span>
          </label>
          <label>
            {t('duration')}
            <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Math.max(1, Math.min(240, Number(e.target.value) || 1)))} />
          </label>
          {mode === 'self_select' && (
            <label>
              {t('capacity')} <span className="hint">{t('capacityHint')}</span>
              <input type="number" min={1} max={500} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
            </label>
          )}
        </div>
        {cohorts.length > 0 && (
          <fieldset>
            <legend>{t('cohortsLegend')}</legend>
            {cohorts.map((c) => (
              <label key={c.id} className="row" style={{ fontWeight: 400 }}>
                <input
                  type="checkbox"
                  checked={useCohorts.includes(c.id)}
                  onChange={(e) => setUseCohorts((list) => (e.target.checked ? [...list, c.id] : list.filter((x) => x !== c.id)))}
                />
                {c.name} <span className="muted">({t('peopleCount', { count: c.memberIds.length })})</span>
              </label>
            ))}
          </fieldset>
        )}
        {mode === 'manual' && (
          <fieldset>
            <legend>{t('manualLegend')}</legend>
            <p className="hint" style={{ marginTop: 0 }}>
              {t('manualHint')}
            </p>
            <ul className="breakouts-members">
              {roster.map((m) => (
                <li key={m.userId} className="row">
                  <label htmlFor={`manual-${m.userId}`} style={{ fontWeight: 400 }}>
                    {m.name}
                  </label>
                  <select id={`manual-${m.userId}`} value={manual[m.userId] ?? -1} onChange={(e) => setManual((x) => ({ ...x, [m.userId]: Number(e.target.value) }))}>
                    <option value={-1}>{t('anyRoom')}</option>
                    {rooms.map((r, i) => (
                      <option key={i} value={i}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <p className="muted" style={{ margin: 0 }}>
          {t('summary', { rooms: rooms.length, people: roster.length })}
        </p>
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        <p style={{ margin: 0 }}>
          <button type="submit" disabled={busy || rooms.length === 0}>
            {busy ? t('opening') : t('openRooms')}
          </button>
        </p>
      </form>
      <PrepareCohort sessionId={sessionId} roster={roster} onSaved={(c) => setCohorts((list) => [...list.filter((x) => x.id !== c.id), c].sort((a, b) => a.name.localeCompare(b.name)))} />
    </details>
  );
}

/** A cohort prepared from the roster before the session: it meets in its own room on every day it is chosen. */
function PrepareCohort({ sessionId, roster, onSaved }: { sessionId: string; roster: BreakoutMember[]; onSaved: (c: Cohort) => void }) {
  const t = useTranslations('breakouts');
  const [name, setName] = useState('');
  const [table, setTable] = useState(false);
  const [members, setMembers] = useState<string[]>([]);
  const [status, setStatus] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; name: string } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const save = async () => {
    setStatus({ kind: 'saving' });
    const res = await request('breakout:cohort-save', { sessionId, name: name.trim(), inHallTable: table, memberIds: members });
    if (res.ok) {
      onSaved(res.data);
      setStatus({ kind: 'saved', name: res.data.name });
      setName('');
      setMembers([]);
      setTable(false);
    } else setStatus({ kind: 'error', message: res.error.message });
  };
  return (
    <details>
      <summary>{t('prepareCohort')}</summary>
      <div className="stack" style={{ marginTop: '0.5rem' }}>
        <label>
          {t('cohortName')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </label>
        <label className="row" style={{ fontWeight: 400 }}>
          <input type="checkbox" checked={table} onChange={(e) => setTable(e.target.checked)} style={{ width: 'auto' }} /> {t('hallTable')}
        </label>
        <fieldset>
          <legend>{t('cohortMembers')}</legend>
          <ul className="breakouts-members">
            {roster.map((m) => (
              <li key={m.userId}>
                <label className="row" style={{ fontWeight: 400 }}>
                  <input
                    type="checkbox"
                    style={{ width: 'auto' }}
                    checked={members.includes(m.userId)}
                    onChange={(e) => setMembers((list) => (e.target.checked ? [...list, m.userId] : list.filter((x) => x !== m.userId)))}
                  />
                  {m.name}
                  {m.country && <span className="muted">{m.country}</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="row">
          <button type="button" className="secondary" onClick={save} disabled={!name.trim() || status.kind === 'saving'}>
            {t('saveCohort')}
          </button>
          <span role="status" className="muted">
            {status.kind === 'saved' && t('cohortSaved', { name: status.name })}
          </span>
        </div>
        {status.kind === 'error' && (
          <p className="alert error" role="alert">
            {status.message}
          </p>
        )}
      </div>
    </details>
  );
}
