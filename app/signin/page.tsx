import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/current-user';
import { oauthProviderIds } from '@/lib/auth/options';
import { safeCallback } from '../_lib/safe-redirect';
import { SignInForm } from './SignInForm';

export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (await currentUser()) redirect(target);
  return (
    <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
      <h1>Sign in</h1>
      {error && (
        <p role="alert" className="alert error">
          Sign-in failed. Try again.
        </p>
      )}
      <SignInForm callbackUrl={target} providers={oauthProviderIds()} />
      <p>
        New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(target)}`}>Create an account</Link>
      </p>
      <p>
        In the hall? <Link href="/join">Join with the event code</Link>
      </p>
    </div>
  );
}
