'use client';
import { useTranslations } from 'next-intl';
import { FormStatus } from '../../_components/FormStatus';
import { acceptInvitationAction } from '../../_lib/auth-actions';
import { idle, type FormState } from '../../_lib/form-state';
import { useKeptForm } from '../../_lib/use-kept-form';

/** Sets the invited person's password and signs them in, in one post (works without JavaScript). */
export function AcceptForm({ token, name, email }: { token: string; name: string; email: string }) {
  const t = useTranslations('registration');
  // Without JavaScript the form posts to `action`; with it, useKeptForm submits in a transition, so a refused
  // form keeps what was typed (a plain action resets the form, which emptied the e-mail after a wrong password).
  const { state, pending, formProps, action } = useKeptForm(acceptInvitationAction.bind(null, token), idle as FormState);
  return (
    <form {...formProps} action={action} className="stack" aria-label={t('invite.form')}>
      <p className="muted" style={{ margin: 0 }}>
        {t('invite.forEmail', { email })}
      </p>
      <label>
        {t('invite.name')}
        <input name="name" defaultValue={name} autoComplete="name" required maxLength={80} />
      </label>
      <label>
        {t('invite.password')}
        <span className="hint">{t('invite.passwordHint')}</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </label>
      <FormStatus state={state} />
      <button type="submit" disabled={pending}>
        {pending ? t('invite.accepting') : t('invite.accept')}
      </button>
    </form>
  );
}
