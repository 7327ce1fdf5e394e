'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = { name: form.get('name'), email: form.get('email'), password: form.get('password') };
    setPending(true);
    setError(null);
    try {
      const res = await fetch('/api/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) {
        const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(data?.error?.message ?? t('createFailed'));
        return;
      }
      const signedIn = await signIn('credentials', { email: body.email, password: body.password, redirect: false });
      if (!signedIn || signedIn.error) {
        setError(t('createdButSignInFailed'));
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError(t('networkError'));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack">
      <label>
        {t('yourName')}
        <input name="name" autoComplete="name" required maxLength={80} />
      </label>
      <label>
        {t('email')}
        <span className="hint">{t('emailHint')}</span>
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        {t('password')}
        <span className="hint">{t('passwordHint')}</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </label>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? t('creating') : t('createAccount')}
      </button>
    </form>
  );
}
