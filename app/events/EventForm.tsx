'use client';
import { useActionState } from 'react';
import { FieldError, FormStatus } from '../_components/FormStatus';
import { idle, type FormState } from '../_lib/form-state';

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
  const [state, formAction, pending] = useActionState(action, idle);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return (
    <form action={formAction} className="stack">
      <label>
        Title
        <input name="title" required minLength={3} maxLength={200} defaultValue={initial?.title} />
        <FieldError state={state} name="title" />
      </label>
      <label>
        Description
        <textarea name="description" maxLength={5000} defaultValue={initial?.description} />
      </label>
      <div className="grid-2">
        <label>
          First day
          <input name="startDate" type="date" required defaultValue={initial?.startDate} />
          <FieldError state={state} name="startDate" />
        </label>
        <label>
          Last day
          <input name="endDate" type="date" required defaultValue={initial?.endDate} />
          <FieldError state={state} name="endDate" />
        </label>
      </div>
      <label>
        Time zone of the venue
        <span className="hint">An IANA zone such as Asia/Jakarta; session times are entered in this zone.</span>
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
          Venue name
          <input name="venueName" maxLength={200} defaultValue={initial?.venueName} />
        </label>
        <label>
          Venue address
          <input name="venueAddress" maxLength={500} defaultValue={initial?.venueAddress} />
        </label>
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
