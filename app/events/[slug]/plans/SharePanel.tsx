'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { sharePlanAction } from './actions';

interface Candidate {
  userId: string;
  name: string;
  roleLabel: string;
}

export function SharePanel(props: {
  slug: string;
  planId: string;
  withFacilitators: boolean;
  withCohort: boolean;
  cohortNames: string[];
  sharedWith: string[];
  candidates: Candidate[];
}) {
  const t = useTranslations('plans');
  const [facilitators, setFacilitators] = useState(props.withFacilitators);
  const [cohort, setCohort] = useState(props.withCohort);
  const [people, setPeople] = useState(new Set(props.sharedWith));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function toggle(id: string, on: boolean) {
    const next = new Set(people);
    if (on) next.add(id);
    else next.delete(id);
    setPeople(next);
  }

  return (
    <form
      className="stack"
      aria-label={t('share.title')}
      onSubmit={(e) => {
        e.preventDefault();
        setMessage(null);
        startTransition(async () => {
          try {
            const result = await sharePlanAction(props.slug, {
              planId: props.planId,
              withFacilitators: facilitators,
              withCohort: cohort,
              userIds: [...people],
            });
            setMessage(result.ok ? { ok: true, text: t('share.saved') } : { ok: false, text: result.error.message });
          } catch {
            setMessage({ ok: false, text: t('status.offline') });
          }
        });
      }}
    >
      <p className="muted" style={{ margin: 0 }}>
        {t('share.intro')}
      </p>
      <label className="plans-check">
        <input type="checkbox" checked={facilitators} onChange={(e) => setFacilitators(e.target.checked)} />
        {t('share.facilitators')}
      </label>
      {props.cohortNames.length > 0 ? (
        <label className="plans-check">
          <input type="checkbox" checked={cohort} onChange={(e) => setCohort(e.target.checked)} />
          {t('share.cohort', { groups: props.cohortNames.join(', ') })}
        </label>
      ) : (
        <p className="muted" style={{ margin: 0 }}>
          {t('share.noCohort')}
        </p>
      )}
      <fieldset className="plans-people">
        <legend>{t('share.people')}</legend>
        <ul>
          {props.candidates.map((c) => (
            <li key={c.userId}>
              <label className="plans-check">
                <input type="checkbox" checked={people.has(c.userId)} onChange={(e) => toggle(c.userId, e.target.checked)} />
                {c.name} <span className="muted">({c.roleLabel})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="row">
        <button type="submit" disabled={pending}>
          {t('share.save')}
        </button>
        {message && (
          <span role={message.ok ? 'status' : 'alert'} className={`alert ${message.ok ? 'ok' : 'error'}`}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
