'use client';
import { useTranslations } from 'next-intl';
import { LIVE_MODES, SESSION_KINDS } from '@/lib/domain/roles';
import { FieldError, FormStatus } from '../../../_components/FormStatus';
import { idle, type FormState } from '../../../_lib/form-state';
import { useKeptForm } from '../../../_lib/use-kept-form';

export interface SessionFormValues {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  kind: string;
  liveMode: string;
  venueRoom: string;
  speakers: string;
}

export function SessionForm({
  action,
  initial,
  eventTimeZone,
  submitLabel,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  initial?: SessionFormValues;
  eventTimeZone: string;
  submitLabel: string;
}) {
  const t = useTranslations('events.session');
  const tr = useTranslations('domain');
  const { state, pending, formProps } = useKeptForm(action, idle);
  return (
    <form {...formProps} className="stack" aria-label={submitLabel}>
      <label>
        {t('title')}
        <input name="title" required maxLength={200} defaultValue={initial?.title} />
        <FieldError state={state} name="title" />
      </label>
      <div className="grid-2">
        <label>
          {t('starts')} <span className="hint">{t('inZone', { zone: eventTimeZone })}</span>
          <input name="startsAt" type="datetime-local" required defaultValue={initial?.startsAt} />
          <FieldError state={state} name="startsAt" />
        </label>
        <label>
          {t('ends')} <span className="hint">{t('inZone', { zone: eventTimeZone })}</span>
          <input name="endsAt" type="datetime-local" required defaultValue={initial?.endsAt} />
          <FieldError state={state} name="endsAt" />
        </label>
      </div>
      <div className="grid-2">
        <label>
          {t('kind')}
          <select name="kind" defaultValue={initial?.kind ?? 'plenary'}>
            {SESSION_KINDS.map((k) => (
              <option key={k} value={k}>
                {tr(`sessionKinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('liveMode')}
          <select name="liveMode" defaultValue={initial?.liveMode ?? 'webinar'}>
            {LIVE_MODES.map((m) => (
              <option key={m} value={m}>
                {tr(`liveModes.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid-2">
        <label>
          {t('speakers')} <span className="hint">{t('commaSeparated')}</span>
          <input name="speakers" defaultValue={initial?.speakers} />
        </label>
        <label>
          {t('room')}
          <input name="venueRoom" maxLength={120} defaultValue={initial?.venueRoom} />
        </label>
      </div>
      <label>
        {t('description')}
        <textarea name="description" maxLength={5000} defaultValue={initial?.description} />
      </label>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
