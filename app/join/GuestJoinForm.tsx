'use client';
import { useTranslations } from 'next-intl';
import { FormStatus } from '../_components/FormStatus';
import { guestJoinAction } from '../_lib/auth-actions';
import { idle, type FormState } from '../_lib/form-state';
import { useKeptForm } from '../_lib/use-kept-form';

/** Joining from a phone in the hall: the event code and a name, posted to the server (works without JavaScript). */
export function GuestJoinForm({ code, signedIn, next }: { code?: string; signedIn: boolean; next?: string }) {
  const t = useTranslations('auth');
  // Without JavaScript the form posts to `action`; with it, useKeptForm submits in a transition, so a refused
  // form keeps what was typed (a plain action resets the form, which emptied the e-mail after a wrong password).
  const { state, pending, formProps, action } = useKeptForm(guestJoinAction, idle as FormState);
  return (
    <form {...formProps} action={action} className="stack" aria-label={t('joinTitle')}>
      {next && <input type="hidden" name="next" value={next} />}
      <label>
        {t('eventCode')}
        <input
          name="code"
          defaultValue={code}
          required
          autoCapitalize="characters"
          autoComplete="off"
          inputMode="text"
          pattern="[A-Za-z0-9]{4,12}"
          style={{ textTransform: 'uppercase', letterSpacing: '0.1em', fontSize: '1.2rem' }}
        />
      </label>
      {!signedIn && (
        <label>
          {t('yourName')}
          <span className="hint">{t('nameHint')}</span>
          <input name="name" required maxLength={80} autoComplete="name" />
        </label>
      )}
      <FormStatus state={state} />
      <button type="submit" disabled={pending}>
        {pending ? t('joining') : t('join')}
      </button>
    </form>
  );
}
