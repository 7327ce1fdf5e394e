import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/lib/auth/current-user';
import { oauthProviderIds } from '@/lib/auth/options';
import { safeCallback } from '../_lib/safe-redirect';
import { SignInForm } from './SignInForm';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('signInTitle') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; notice?: string }> }) {
  const { callbackUrl, error, notice } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (await currentUser()) redirect(target);
  const t = await getTranslations('auth');
  return (
    <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
      <h1>{t('signInTitle')}</h1>
      {error && (
        <p role="alert" className="alert error">
          {t('signInFailed')}
        </p>
      )}
      {notice === 'signed-up' && (
        <p role="status" className="alert ok">
          {t('signedUpNotice')}
        </p>
      )}
      <SignInForm callbackUrl={target} providers={oauthProviderIds()} />
      <p>
        {t('newHere')} <Link href={`/signup?callbackUrl=${encodeURIComponent(target)}`}>{t('createAccountLink')}</Link>
      </p>
      <p>
        {t('inTheHall')} <Link href="/join">{t('joinWithEventCode')}</Link>
      </p>
    </div>
  );
}
