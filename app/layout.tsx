import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import './globals.css';
import { currentUser } from '@/lib/auth/current-user';
import { SignOutButton } from './_components/SignOutButton';
import { LanguageSwitcher } from './_components/LanguageSwitcher';
import { SiteMenu } from './_components/SiteMenu';
import { OutdatedClientNotice } from './_components/OutdatedClientNotice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: 'Balai', template: '%s · Balai' }, description: t('description') };
}
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: the CSP's nonce (proxy.ts) is new each time, and a page
  // prerendered at build time would carry inline scripts without it, which the browser blocks.
  await connection();
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
              <div className="site-tools">
                <LanguageSwitcher />
                <SiteMenu label={t('menu')}>
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
                  </nav>
                </SiteMenu>
              </div>
            </div>
          </header>
          <OutdatedClientNotice />
          <main id="main">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
