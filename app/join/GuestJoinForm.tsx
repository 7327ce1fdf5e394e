'use client';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Joining from a phone in the hall: the event code and a name, nothing else. */
export function GuestJoinForm({ code, signedIn, next }: { code?: string; signedIn: boolean; next?: string }) {
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
      setError('That code did not work. Check the code shown in the hall and try again.');
      return;
    }
    router.push(target);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="stack">
      <label>
        Event code
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
          Your name
          <span className="hint">Shown to the moderator and other participants.</span>
          <input name="name" required maxLength={80} autoComplete="name" />
        </label>
      )}
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Joining…' : 'Join'}
      </button>
    </form>
  );
}
