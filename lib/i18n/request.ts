import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { currentUser } from '../auth/current-user';
import { isValidTimeZone } from '../domain/time';
import { invitationPageLocale } from '../services/invitations';
import { loadMessages } from './messages';
import { DEFAULT_LOCALE, INVITATION_HEADER, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from './locales';

type Viewer = Awaited<ReturnType<typeof currentUser>>;

/**
 * The profile's language, else the cookie (set by the switcher), else — on an invitation's
 * page — the invitee's profile language or the invitation's, else the browser's, else English.
 * The invitation comes after the cookie so the switcher works on that page too.
 */
async function resolveLocale(user: Viewer): Promise<Locale> {
  if (isLocale(user?.locale)) return user.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  const requestHeaders = await headers();
  const invitation = requestHeaders.get(INVITATION_HEADER);
  const invited = invitation ? await invitationPageLocale(invitation) : null;
  if (invited) return invited;
  return localeFromAcceptLanguage(requestHeaders.get('accept-language')) ?? DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const user = await currentUser().catch(() => null);
  const locale = await resolveLocale(user);
  // Times formatted through next-intl (comments, saved-at, history) use the viewer's profile zone when known.
  const timeZone = user?.timeZone && isValidTimeZone(user.timeZone) ? user.timeZone : undefined;
  return { locale, messages: await loadMessages(locale), ...(timeZone ? { timeZone } : {}) };
});
