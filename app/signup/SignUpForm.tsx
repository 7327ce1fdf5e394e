'use client';
import { useTranslations } from 'next-intl';
import { FieldError, FormStatus } from '../_components/FormStatus';
import { signUpAction } from '../_lib/auth-actions';
import { idle, type FormState } from '../_lib/form-state';
import { useKeptForm } from '../_lib/use-kept-form';

/** Posts to a server action (works without JavaScript); the answer is the same for a new and a known e-mail. */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('auth');
  // Without JavaScript the form posts to `action`; with it, useKeptForm submits in a transition, so a refused
  // form keeps what was typed (a plain action resets the form, which emptied the e-mail after a wrong password).
  const { state, pending, formProps, action } = useKeptForm(signUpAction, idle as FormState);
  return (
    <form {...formProps} action={action} className="stack" aria-label={t('signUpTitle')}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label>
        {t('yourName')}
        <input name="name" autoComplete="name" required maxLength={80} />
        <FieldError state={state} name="name" />
      </label>
      <label>
        {t('email')}
        <span className="hint">{t('emailHint')}</span>
        <input name="email" type="email" autoComplete="email" required />
        <FieldError state={state} name="email" />
      </label>
      <label>
        {t('password')}
        <span className="hint">{t('passwordHint')}</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
        <FieldError state={state} name="password" />
      </label>
      <FormStatus state={state} />
      <button type="submit" disabled={pending}>
        {pending ? t('creating') : t('createAccount')}
      </button>
    </form>
  );
}
