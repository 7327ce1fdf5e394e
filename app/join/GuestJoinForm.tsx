'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Joining from a phone in the hall: the event code and a name, nothing else. */
export function GuestJoinForm({ code, signedIn, next }: { code?: string; signedIn: boolean; next?: string }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const joinCode = String(form.get('code') ?? '').trim().toUpperCase();
    // The /j page validates `next` again before following it.
    const target = `/j/${encodeURIComponent(joinCode)}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    if (signedIn) {
      router.push(target);
      return;
    }
    setPending(true);
    setError(null);
    const res = await signIn('guest', { code: joinCode, name: form.get('name'), redirect: false });
    setPending(false);
    if (!res || res.error) {
      setError(t('codeFailed'));
      return;
    }
    router.push(target);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="stack">
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
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? t('joining') : t('join')}
      </button>
    </form>
  );
}
