import Link from 'next/link';
import { currentUser } from '@/lib/auth/current-user';
import { GuestJoinForm } from './GuestJoinForm';
import { safeCallback } from '../_lib/safe-redirect';

export const metadata = { title: 'Join with a code' };

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const user = await currentUser();
  const next = safeCallback((await searchParams).next, '') || undefined;
  return (
    <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
      <h1>Join an event</h1>
      <p className="muted">Type the code shown on the screen in the hall.</p>
      <GuestJoinForm signedIn={Boolean(user)} next={next} />
      {!user && (
        <p>
          Have an account? <Link href="/signin">Sign in</Link>
        </p>
      )}
    </div>
  );
}
