import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { getServerSession } from 'next-auth';
import { NextIntlClientProvider } from 'next-intl';
import { authOptions } from '@/lib/auth/options';
import { findUserById } from '@/lib/db/queries/users';
import { findMembership, findSession } from '@/lib/db/queries/programme';
import { can } from '@/lib/domain/permissions';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from '@/lib/i18n/locales';
import { loadMessages } from '@/lib/i18n/messages';
import { QaAudience } from '../../app/_components/qa/QaAudience';

/*
 * The light Q&A page a phone in the hall lands on (QR code → /j/<code>?next=/q/<session>).
 *
 * Why the Pages Router here: every App Router page carries the root layout's
 * client code (navigation, language switcher, next-auth client, the full
 * message catalogue) on top of the App Router runtime, which alone leaves no
 * room in the phone page's 150 KB budget. This page has its own slim shell
 * and loads only React, the Q&A client and Socket.IO — never the stage or
 * media code. See docs/BENCHMARKS.md (scripts/qa-bundle-size.mjs).
 */

interface Props {
  sessionId: string;
  eventTitle: string;
  sessionTitle: string;
  venueRoom: string;
  locale: Locale;
  messages: { qa: Record<string, unknown> };
  userName: string;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const sessionId = String(params?.sessionId ?? '');
  const auth = await getServerSession(req, res, authOptions());
  const user = auth?.user?.id ? await findUserById(auth.user.id) : undefined;
  if (!user) return { redirect: { destination: `/join?next=${encodeURIComponent(`/q/${sessionId}`)}`, permanent: false } };
  const found = /^[0-9a-f-]{36}$/i.test(sessionId) ? await findSession(sessionId) : undefined;
  if (!found) return { notFound: true };
  const member = await findMembership(found.event.id, user.id);
  if (!member || !can({ role: member.role }, 'qa:ask')) return { notFound: true };
  // Same order as the App Router pages: profile, cookie (the language switcher), browser, English.
  const cookie = req.cookies[LOCALE_COOKIE];
  const locale: Locale = isLocale(user.locale) ? user.locale : isLocale(cookie) ? cookie : (localeFromAcceptLanguage(req.headers['accept-language']) ?? DEFAULT_LOCALE);
  const messages = await loadMessages(locale);
  res.setHeader('Cache-Control', 'private, no-store');
  return {
    props: {
      sessionId,
      eventTitle: found.event.title,
      sessionTitle: found.session.title,
      venueRoom: found.session.venueRoom,
      locale,
      messages: { qa: messages.qa as Record<string, unknown> },
      userName: user.name,
    },
  };
};

export default function PhoneQaPage({ sessionId, eventTitle, sessionTitle, venueRoom, locale, messages, userName }: Props) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages as never} timeZone="Asia/Jakarta">
      <Head>
        <title>{`${sessionTitle} · Balai`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <header className="site">
        <div className="inner">
          <a href="/" className="brand">
            Balai
          </a>
          <span className="qa-phone-user">{userName}</span>
        </div>
      </header>
      <main id="main" className="qa-phone-page stack">
        <p className="muted qa-phone-context">
          {eventTitle}
          {venueRoom ? ` · ${venueRoom}` : ''}
        </p>
        <h2 className="qa-phone-session">{sessionTitle}</h2>
        <QaAudience sessionId={sessionId} variant="phone" />
      </main>
    </NextIntlClientProvider>
  );
}
