'use client';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { formatClock } from '@/lib/i18n/format';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { PLAN_TEXT_SECTIONS, type PlanActivity, type PlanContent, type PlanSection, type SavePlanResult } from '@/lib/contracts/plans';
import { mergePlans } from '@/lib/domain/plan-merge';
import { uuid } from '../../../_lib/uuid';
import { savePlanAction } from './actions';

type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date | null }
  | { kind: 'offline' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; version: number; content: PlanContent; base: PlanContent; sections: PlanSection[] };

interface Pending {
  revisionId: string;
  baseVersion: number;
  content: PlanContent;
}

const DEBOUNCE_MS = 800;
const MAX_RETRY_MS = 15_000;

/**
 * Autosave with one save in flight at a time. A save that fails on the network
 * is retried with the SAME revision id and base version until it is acked, so a
 * save the server applied but whose answer was lost is not applied twice; only
 * then is newer text sent on top of the acked version.
 */
export function PlanEditor(props: { eventId: string; initial: PlanContent; initialVersion: number }) {
  const router = useRouter();
  const t = useTranslations('plans');
  const locale = useLocale();
  const timeZone = useTimeZone();
  const [content, setContent] = useState<PlanContent>(props.initial);
  const [status, setStatus] = useState<SaveStatus>(
    // No clock time on the first render: the server and the browser may be in different zones.
    props.initialVersion > 0 ? { kind: 'saved', at: null } : { kind: 'idle' },
  );
  const [mergedFrom, setMergedFrom] = useState<number | null>(null);
  const latest = useRef(content);
  const version = useRef(props.initialVersion);
  const savedContent = useRef(JSON.stringify(props.initial));
  const inFlight = useRef<Pending | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryDelay = useRef(1000);
  const blocked = useRef(false); // true while a conflict waits for the person's choice
  const { eventId } = props;

  const running = useRef(false);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (blocked.current || running.current) return;
    if (!inFlight.current) {
      if (JSON.stringify(latest.current) === savedContent.current) return;
      inFlight.current = { revisionId: uuid(), baseVersion: version.current, content: latest.current };
    }
    const pending = inFlight.current;
    running.current = true;
    setStatus({ kind: 'saving' });
    let result: Awaited<ReturnType<typeof savePlanAction>>;
    try {
      result = await savePlanAction({ eventId, ...pending });
    } catch {
      // Network failure or server restart: keep the same revision and try again.
      running.current = false;
      setStatus({ kind: 'offline' });
      timer.current = setTimeout(() => void flush(), retryDelay.current);
      retryDelay.current = Math.min(retryDelay.current * 2, MAX_RETRY_MS);
      return;
    }
    running.current = false;
    retryDelay.current = 1000;
    inFlight.current = null;
    if (!result.ok) {
      setStatus({ kind: 'error', message: result.error.message });
      return;
    }
    applyResultRef.current(result.data, pending);
  }, [eventId]);

  function applyResult(data: SavePlanResult, pending: Pending) {
    if (data.status === 'conflict') {
      // Someone saved in between: merge section by section; ask only about sections both sides changed.
      const base = JSON.parse(savedContent.current) as PlanContent;
      const { merged, conflicts } = mergePlans(base, latest.current, data.content);
      if (conflicts.length > 0) {
        blocked.current = true;
        setStatus({ kind: 'conflict', version: data.version, content: data.content, base, sections: conflicts });
        return;
      }
      adoptMerge(data.version, data.content, merged);
      setMergedFrom(data.version);
      return;
    }
    version.current = data.version;
    savedContent.current = JSON.stringify(pending.content);
    // The first save creates the plan: let the page show sharing and history for it.
    if (pending.baseVersion === 0) router.refresh();
    if (JSON.stringify(latest.current) !== savedContent.current) {
      setStatus({ kind: 'dirty' });
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    } else {
      setStatus({ kind: 'saved', at: new Date(data.savedAt) });
    }
  }

  const applyResultRef = useRef(applyResult);
  applyResultRef.current = applyResult;

  useEffect(() => {
    const online = () => {
      if (inFlight.current) void flush();
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (JSON.stringify(latest.current) !== savedContent.current) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush]);

  function update(next: PlanContent) {
    latest.current = next;
    setContent(next);
    // While a save is in flight or waiting to be retried, the newer text goes out after its ack.
    if (blocked.current || inFlight.current) return;
    setStatus({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }

  function setActivity(i: number, patch: Partial<PlanActivity>) {
    update({ ...latest.current, activities: latest.current.activities.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  }

  /** Takes the server's version as the new base and saves the merged text on top of it (if it differs). */
  function adoptMerge(serverVersion: number, serverContent: PlanContent, merged: PlanContent) {
    blocked.current = false;
    version.current = serverVersion;
    savedContent.current = JSON.stringify(serverContent);
    latest.current = merged;
    setContent(merged);
    if (JSON.stringify(merged) === savedContent.current) setStatus({ kind: 'saved', at: new Date() });
    else void flush();
  }

  function resolveConflict(prefer: 'mine' | 'theirs') {
    if (status.kind !== 'conflict') return;
    adoptMerge(status.version, status.content, mergePlans(status.base, latest.current, status.content, prefer).merged);
  }

  const statusText = (() => {
    switch (status.kind) {
      case 'idle':
        return t('status.idle');
      case 'dirty':
        return t('status.dirty');
      case 'saving':
        return t('status.saving');
      case 'saved':
        return status.at
          ? t('status.savedAt', { time: formatClock(status.at, locale, timeZone) })
          : t('status.saved');
      case 'offline':
        return t('status.offline');
      case 'error':
        return t('status.error', { message: status.message });
      case 'conflict':
        return t('status.conflict');
    }
  })();

  return (
    <div className="stack plans-editor">
      <p className={`plans-status plans-status-${status.kind}`} role="status" aria-live="polite" data-testid="plan-save-status">
        {statusText}
      </p>
      {mergedFrom !== null && status.kind !== 'conflict' && (
        <p className="alert ok" role="status">
          {t('conflict.merged', { version: mergedFrom })}
        </p>
      )}
      {status.kind === 'conflict' && (
        <div className="alert warn stack" role="alert">
          <strong>{t('conflict.title')}</strong>
          <p style={{ margin: 0 }}>
            {t('conflict.body', { version: status.version, sections: status.sections.map((s) => t(`sections.${s}`)).join(', ') })}
          </p>
          <details>
            <summary>{t('conflict.theirText', { version: status.version })}</summary>
            <pre className="plans-pre">
              {PLAN_TEXT_SECTIONS.filter((s) => status.sections.includes(s))
                .map((s) => `${t(`sections.${s}`)}:\n${status.content[s]}`)
                .join('\n\n')}
            </pre>
          </details>
          <div className="row">
            <button type="button" onClick={() => resolveConflict('mine')}>
              {t('conflict.keepMine')}
            </button>
            <button type="button" className="secondary" onClick={() => resolveConflict('theirs')}>
              {t('conflict.loadTheirs', { version: status.version })}
            </button>
          </div>
        </div>
      )}
      {(['problem', 'objectives'] as const).map((s) => (
        <TextSection key={s} section={s} value={content[s]} onChange={(v) => update({ ...latest.current, [s]: v })} />
      ))}
      <fieldset className="plans-activities">
        <legend>{t('sections.activities')}</legend>
        <p className="hint muted" style={{ margin: 0 }}>
          {t('hints.activities')}
        </p>
        {content.activities.length === 0 && <p className="muted">{t('activity.none')}</p>}
        <ol className="plans-activity-list">
          {content.activities.map((a, i) => (
            <li key={a.id} className="plans-activity">
              <label>
                {t('activity.title')} {i + 1}
                <input value={a.title} maxLength={300} onChange={(e) => setActivity(i, { title: e.target.value })} />
              </label>
              <label>
                {t('activity.start')}
                <input type="month" value={a.start} onChange={(e) => setActivity(i, { start: e.target.value })} />
              </label>
              <label>
                {t('activity.end')}
                <input type="month" value={a.end} min={a.start || undefined} onChange={(e) => setActivity(i, { end: e.target.value })} />
              </label>
              <label>
                {t('activity.responsible')}
                <input value={a.responsible} maxLength={200} onChange={(e) => setActivity(i, { responsible: e.target.value })} />
              </label>
              <button
                type="button"
                className="secondary"
                aria-label={t('activity.remove', { n: i + 1 })}
                onClick={() => update({ ...latest.current, activities: latest.current.activities.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <div>
          <button
            type="button"
            className="secondary"
            disabled={content.activities.length >= 50}
            onClick={() =>
              update({ ...latest.current, activities: [...latest.current.activities, { id: uuid(), title: '', start: '', end: '', responsible: '' }] })
            }
          >
            {t('activity.add')}
          </button>
        </div>
      </fieldset>
      {(['indicators', 'partners', 'resources'] as const).map((s) => (
        <TextSection key={s} section={s} value={content[s]} onChange={(v) => update({ ...latest.current, [s]: v })} />
      ))}
    </div>
  );
}

function TextSection(props: { section: (typeof PLAN_TEXT_SECTIONS)[number]; value: string; onChange: (v: string) => void }) {
  const t = useTranslations('plans');
  const id = useId();
  // The hint describes the field; it is not part of its name (so "Objectives" does not also match "Indicators").
  return (
    <div className="plans-field">
      <label htmlFor={`${id}-text`}>{t(`sections.${props.section}`)}</label>
      <span className="hint" id={`${id}-hint`}>
        {t(`hints.${props.section}`)}
      </span>
      <textarea
        id={`${id}-text`}
        aria-describedby={`${id}-hint`}
        value={props.value}
        maxLength={10_000}
        rows={4}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
