import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import './globals.css';
import { currentUser } from '@/lib/auth/current-user';
import { SignOutButton } from './_components/SignOutButton';
import { LanguageSwitcher } from './_components/LanguageSwitcher';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: 'Balai', template: '%s · Balai' }, description: t('description') };
}
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [user, locale, t] = await Promise.all([currentUser(), getLocale(), getTranslations('common')]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <a className="skip-link" href="#main">
            {t('skipToContent')}
          </a>
          <header className="site">
            <div className="inner">
              <Link href="/" className="brand">
                {t('brand')}
              </Link>
              <nav aria-label={t('mainNav')}>
                {user ? (
                  <>
                    <Link href="/">{t('myEvents')}</Link>
                    <span aria-label={t('signedInAs')}>{user.name}</span>
                    <SignOutButton label={t('signOut')} />
                  </>
                ) : (
                  <>
                    <Link href="/join">{t('joinWithCode')}</Link>
                    <Link href="/signin">{t('signIn')}</Link>
                  </>
                )}
                <LanguageSwitcher />
              </nav>
            </div>
          </header>
          <main id="main">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
