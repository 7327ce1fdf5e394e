'use client';
import { useTranslations } from 'next-intl';
import { FieldError, FormStatus } from '../_components/FormStatus';
import { idle, type FormState } from '../_lib/form-state';
import { useKeptForm } from '../_lib/use-kept-form';

export interface EventFormValues {
  title: string;
  description: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  venueName: string;
  venueAddress: string;
}

export function EventForm({
  action,
  initial,
  submitLabel,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  initial?: EventFormValues;
  submitLabel: string;
}) {
  const t = useTranslations('events.form');
  const { state, pending, formProps } = useKeptForm(action, idle);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return (
    <form {...formProps} className="stack">
      <label>
        {t('title')}
        <input name="title" required minLength={3} maxLength={200} defaultValue={initial?.title} />
        <FieldError state={state} name="title" />
      </label>
      <label>
        {t('description')}
        <textarea name="description" maxLength={5000} defaultValue={initial?.description} />
      </label>
      <div className="grid-2">
        <label>
          {t('firstDay')}
          <input name="startDate" type="date" required defaultValue={initial?.startDate} />
          <FieldError state={state} name="startDate" />
        </label>
        <label>
          {t('lastDay')}
          <input name="endDate" type="date" required defaultValue={initial?.endDate} />
          <FieldError state={state} name="endDate" />
        </label>
      </div>
      <label>
        {t('timeZone')}
        <span className="hint">{t('timeZoneHint')}</span>
        <input name="timeZone" list="time-zones" required defaultValue={initial?.timeZone ?? 'Asia/Jakarta'} />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <FieldError state={state} name="timeZone" />
      </label>
      <div className="grid-2">
        <label>
          {t('venueName')}
          <input name="venueName" maxLength={200} defaultValue={initial?.venueName} />
        </label>
        <label>
          {t('venueAddress')}
          <input name="venueAddress" maxLength={500} defaultValue={initial?.venueAddress} />
        </label>
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
