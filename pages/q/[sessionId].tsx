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
import { PollAudience } from '../../app/_components/polls/PollAudience';
import { PhoneEngagement } from '../../app/_components/engage/PhoneEngagement';
import { PhoneListen } from '../../app/_components/interpretation/PhoneListen';
import { sessionLanguagesOf } from '@/lib/db/queries/interpretation';
import { normaliseLanguages } from '@/lib/domain/languages';

/*
 * The light Q&A page a phone in the hall lands on (QR code → /j/<code>?next=/q/<session>).
 *
 * Why the Pages Router here: every App Router page carries the root layout's
 * client code (navigation, language switcher, next-auth client, the full
 * message catalogue) on top of the App Router runtime, which alone leaves no
 * room in the phone page's 150 KB budget. This page has its own slim shell
 * and loads only React, the Q&A and poll clients and Socket.IO — never the stage or
 * media code. See docs/BENCHMARKS.md (scripts/qa-bundle-size.mjs).
 */

interface Props {
  sessionId: string;
  eventTitle: string;
  eventSlug: string;
  sessionTitle: string;
  venueRoom: string;
  locale: Locale;
  messages: { qa: Record<string, unknown>; polls: Record<string, unknown>; engage: Record<string, unknown>; language: Record<string, unknown> };
  userName: string;
  /** The session is interpreted: the phone gets the Listen tab. */
  interpreted: boolean;
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
  const languages = await sessionLanguagesOf(sessionId);
  res.setHeader('Cache-Control', 'private, no-store');
  return {
    props: {
      sessionId,
      eventTitle: found.event.title,
      eventSlug: found.event.slug,
      sessionTitle: found.session.title,
      venueRoom: found.session.venueRoom,
      locale,
      messages: {
        qa: messages.qa as Record<string, unknown>,
        polls: messages.polls as Record<string, unknown>,
        engage: messages.engage as Record<string, unknown>,
        language: messages.language as Record<string, unknown>,
      },
      userName: user.name,
      interpreted: !!languages && normaliseLanguages(languages.floorLanguage, languages.languages).length > 0,
    },
  };
};

export default function PhoneQaPage({ sessionId, eventTitle, eventSlug, sessionTitle, venueRoom, locale, messages, userName, interpreted }: Props) {
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
          {' · '}
          <a href={`/events/${encodeURIComponent(eventSlug)}`}>{(messages.qa as { phoneProgramme?: string }).phoneProgramme}</a>
        </p>
        <h2 className="qa-phone-session">{sessionTitle}</h2>
        {interpreted && <PhoneListen sessionId={sessionId} sessionTitle={sessionTitle} locale={locale} />}
        <PhoneEngagement sessionId={sessionId} />
        <PollAudience sessionId={sessionId} />
        <QaAudience sessionId={sessionId} variant="phone" />
      </main>
    </NextIntlClientProvider>
  );
}
