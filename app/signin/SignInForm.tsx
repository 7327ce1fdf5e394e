'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { FormStatus } from '../_components/FormStatus';
import { signInAction } from '../_lib/auth-actions';
import { idle, type FormState } from '../_lib/form-state';
import { useKeptForm } from '../_lib/use-kept-form';

/** Posts to a server action: works before (or without) JavaScript, and the password never reaches a URL. */
export function SignInForm({ callbackUrl, providers }: { callbackUrl: string; providers: { id: string; name: string }[] }) {
  const t = useTranslations('auth');
  // Without JavaScript the form posts to `action`; with it, useKeptForm submits in a transition, so a refused
  // form keeps what was typed (a plain action resets the form, which emptied the e-mail after a wrong password).
  const { state, pending, formProps, action } = useKeptForm(signInAction, idle as FormState);
  return (
    <div className="stack">
      <form {...formProps} action={action} className="stack" aria-label={t('signInTitle')}>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label>
          {t('email')}
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <FormStatus state={state} />
        <button type="submit" disabled={pending}>
          {pending ? t('signingIn') : t('signIn')}
        </button>
      </form>
      {providers.map((p) => (
        <button key={p.id} type="button" className="secondary" onClick={() => void signIn(p.id, { callbackUrl })}>
          {t('continueWith', { provider: p.name })}
        </button>
      ))}
    </div>
  );
}
