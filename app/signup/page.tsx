import Link from 'next/link';
import { safeCallback } from '../_lib/safe-redirect';
import { SignUpForm } from './SignUpForm';

export const metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallback(callbackUrl);
  return (
    <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
      <h1>Create an account</h1>
      <SignUpForm callbackUrl={target} />
      <p>
        Already have one? <Link href={`/signin?callbackUrl=${encodeURIComponent(target)}`}>Sign in</Link>
      </p>
    </div>
  );
}
