'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { acceptWithPasswordAction } from './actions';

export function AcceptForm({ token, name, email }: { token: string; name: string; email: string }) {
  const t = useTranslations('registration');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    setPending(true);
    setError(null);
    try {
      const result = await acceptWithPasswordAction(token, { name: String(form.get('name') ?? ''), password });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      const signedIn = await signIn('credentials', { email: result.email, password, redirect: false });
      if (!signedIn || signedIn.error) {
        setError(t('invite.signInFailed'));
        return;
      }
      router.push(`/events/${result.slug}`);
      router.refresh();
    } catch {
      setError(t('networkError'));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack" aria-label={t('invite.form')}>
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
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? t('invite.accepting') : t('invite.accept')}
      </button>
    </form>
  );
}
