import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { safeCallback } from '../_lib/safe-redirect';
import { SignUpForm } from './SignUpForm';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('signUpTitle') };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallback(callbackUrl);
  const t = await getTranslations('auth');
  return (
    <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
      <h1>{t('signUpTitle')}</h1>
      <SignUpForm callbackUrl={target} />
      <p>
        {t('alreadyHave')} <Link href={`/signin?callbackUrl=${encodeURIComponent(target)}`}>{t('signIn')}</Link>
      </p>
    </div>
  );
}
