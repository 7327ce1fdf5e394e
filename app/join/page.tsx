import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/lib/auth/current-user';
import { GuestJoinForm } from './GuestJoinForm';
import { safeCallback } from '../_lib/safe-redirect';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('joinMeta') };
}

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const [user, t] = await Promise.all([currentUser(), getTranslations('auth')]);
  const next = safeCallback((await searchParams).next, '') || undefined;
  return (
    <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
      <h1>{t('joinTitle')}</h1>
      <p className="muted">{t('joinIntro')}</p>
      <GuestJoinForm signedIn={Boolean(user)} next={next} />
      {!user && (
        <p>
          {t('haveAccount')} <Link href="/signin">{t('signIn')}</Link>
        </p>
      )}
    </div>
  );
}
