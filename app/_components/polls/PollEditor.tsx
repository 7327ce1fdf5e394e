'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { PollDraft, PollView } from '@/lib/contracts/polls';
import { hasOptions, POLL_KINDS, POLL_OPTION_MAX, POLL_OPTIONS_MAX, POLL_QUESTION_MAX, type PollKind } from '@/lib/domain/poll-rules';
import { newId } from '../qa/qa-client';

type Option = { id: string; label: string; correct: boolean };
const blank = (): Option => ({ id: newId(), label: '', correct: false });

type Save = (draft: PollDraft, launch: boolean) => Promise<{ ok: boolean; error?: { message: string } }>;

/**
 * Prepares a poll: saved as a draft for later, or launched at once. Given `editing` (a prepared
 * poll), it starts from that poll and saves changes to it; `onCancel` closes it unchanged.
 */
export function PollEditor({ onSave, editing, onCancel }: { onSave: Save; editing?: PollView; onCancel?: () => void }) {
  const t = useTranslations('polls');
  const [kind, setKind] = useState<PollKind>(editing?.kind ?? 'single');
  const [question, setQuestion] = useState(editing?.question ?? '');
  const [options, setOptions] = useState<Option[]>(() =>
    editing?.options.length ? editing.options.map((o) => ({ id: o.id, label: o.label, correct: o.correct === true })) : [blank(), blank()],
  );
  const [anonymous, setAnonymous] = useState(editing?.anonymous ?? false);
  const [multipleAnswers, setMultipleAnswers] = useState(editing?.multipleAnswers ?? false);
  const [resultsVisibility, setResultsVisibility] = useState<'live' | 'after_close'>(editing?.resultsVisibility ?? 'live');
  const [scaleMax, setScaleMax] = useState(editing?.scaleMax ?? 5);
  const [timer, setTimer] = useState(editing?.timerSeconds ?? 30);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const withOptions = hasOptions(kind);
  const titleId = editing ? `poll-editor-title-${editing.id}` : 'poll-editor-title';
  // Radio groups are per form: two editors open at once must not share one group of 'correct' answers.
  const correctGroup = editing ? `poll-correct-${editing.id}` : 'poll-correct';

  async function save(launch: boolean) {
    setPending(true);
    setError(null);
    const draft: PollDraft = {
      kind,
      question,
      options: withOptions ? options.map((o) => ({ ...o, correct: kind === 'quiz' && o.correct })) : [],
      scaleMax,
      anonymous,
      multipleAnswers,
      resultsVisibility,
      timerSeconds: kind === 'quiz' ? timer : null,
    };
    const res = await onSave(draft, launch);
    setPending(false);
    if (!res.ok) return setError(res.error?.message ?? t('failed'));
    if (editing) return;
    setQuestion('');
    setOptions([blank(), blank()]);
  }

  return (
    <form className="stack poll-editor" aria-labelledby={titleId} onSubmit={(e) => (e.preventDefault(), void save(true))}>
      <h3 id={titleId}>{editing ? t('editPoll') : t('newPoll')}</h3>
      <label>
        {t('kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
          {POLL_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('question')}
        <input value={question} maxLength={POLL_QUESTION_MAX} required onChange={(e) => setQuestion(e.target.value)} />
      </label>
      {withOptions && (
        <fieldset className="stack">
          <legend>{t('options')}</legend>
          {kind === 'quiz' && <p className="hint">{t('quizHint')}</p>}
          {options.map((o, i) => (
            <div key={o.id} className="row poll-option-edit">
              <label className="grow">
                <span className="visually-hidden">{t('optionN', { n: i + 1 })}</span>
                <input
                  value={o.label}
                  maxLength={POLL_OPTION_MAX}
                  placeholder={t('optionN', { n: i + 1 })}
                  onChange={(e) => setOptions(options.map((x) => (x.id === o.id ? { ...x, label: e.target.value } : x)))}
                />
              </label>
              {kind === 'quiz' && (
                <label className="qa-check">
                  <input type="radio" name={correctGroup} checked={o.correct} onChange={() => setOptions(options.map((x) => ({ ...x, correct: x.id === o.id })))} />
                  {t('correct')}
                </label>
              )}
              {options.length > 2 && (
                <button type="button" className="secondary small" onClick={() => setOptions(options.filter((x) => x.id !== o.id))} aria-label={t('removeOption', { n: i + 1 })}>
                  ✕
                </button>
              )}
            </div>
          ))}
          {options.length < POLL_OPTIONS_MAX && (
            <button type="button" className="secondary" onClick={() => setOptions([...options, blank()])}>
              {t('addOption')}
            </button>
          )}
        </fieldset>
      )}
      {kind === 'rating' && (
        <label>
          {t('scale')}
          <select value={scaleMax} onChange={(e) => setScaleMax(Number(e.target.value))}>
            {[5, 10].map((n) => (
              <option key={n} value={n}>
                {t('scaleOf', { max: n })}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'quiz' && (
        <label>
          {t('timer')}
          <input type="number" min={5} max={600} value={timer} onChange={(e) => setTimer(Number(e.target.value))} />
        </label>
      )}
      <div className="row poll-settings">
        <label className="qa-check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          {t('anonymousPoll')}
        </label>
        {(kind === 'word_cloud' || kind === 'open') && (
          <label className="qa-check">
            <input type="checkbox" checked={multipleAnswers} onChange={(e) => setMultipleAnswers(e.target.checked)} />
            {t('multipleAnswers')}
          </label>
        )}
      </div>
      <label className="poll-results-visibility">
        {t('resultsVisibility')}
        <select value={resultsVisibility} onChange={(e) => setResultsVisibility(e.target.value as 'live' | 'after_close')}>
          <option value="live">{t('resultsLive')}</option>
          <option value="after_close">{t('resultsAfterCloseOption')}</option>
        </select>
      </label>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={pending}>
          {t('launchNow')}
        </button>
        <button type="button" className="secondary" disabled={pending} onClick={() => void save(false)}>
          {editing ? t('saveChanges') : t('saveDraft')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" disabled={pending} onClick={onCancel}>
            {t('cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}
