'use client';
import { useActionState } from 'react';
import { LIVE_MODES, SESSION_KINDS, SESSION_KIND_LABELS } from '@/lib/domain/roles';
import { FieldError, FormStatus } from '../../../_components/FormStatus';
import { idle, type FormState } from '../../../_lib/form-state';

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
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} className="stack" aria-label={submitLabel}>
      <label>
        Session title
        <input name="title" required maxLength={200} defaultValue={initial?.title} />
        <FieldError state={state} name="title" />
      </label>
      <div className="grid-2">
        <label>
          Starts <span className="hint">in {eventTimeZone}</span>
          <input name="startsAt" type="datetime-local" required defaultValue={initial?.startsAt} />
          <FieldError state={state} name="startsAt" />
        </label>
        <label>
          Ends <span className="hint">in {eventTimeZone}</span>
          <input name="endsAt" type="datetime-local" required defaultValue={initial?.endsAt} />
          <FieldError state={state} name="endsAt" />
        </label>
      </div>
      <div className="grid-2">
        <label>
          Kind
          <select name="kind" defaultValue={initial?.kind ?? 'plenary'}>
            {SESSION_KINDS.map((k) => (
              <option key={k} value={k}>
                {SESSION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Live mode
          <select name="liveMode" defaultValue={initial?.liveMode ?? 'webinar'}>
            {LIVE_MODES.map((m) => (
              <option key={m} value={m}>
                {m === 'webinar' ? 'Webinar (only the stage speaks)' : 'Meeting (everyone may speak)'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid-2">
        <label>
          Speakers <span className="hint">comma separated</span>
          <input name="speakers" defaultValue={initial?.speakers} />
        </label>
        <label>
          Room at the venue
          <input name="venueRoom" maxLength={120} defaultValue={initial?.venueRoom} />
        </label>
      </div>
      <label>
        Description
        <textarea name="description" maxLength={5000} defaultValue={initial?.description} />
      </label>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
