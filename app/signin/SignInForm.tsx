'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function SignInForm({ callbackUrl, providers }: { callbackUrl: string; providers: { id: string; name: string }[] }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirect: false });
    setPending(false);
    if (!res || res.error) {
      setError(t('wrongCredentials'));
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <div className="stack">
      <form onSubmit={onSubmit} className="stack" aria-describedby={error ? 'signin-error' : undefined}>
        <label>
          {t('email')}
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p id="signin-error" role="alert" className="alert error">
            {error}
          </p>
        )}
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
