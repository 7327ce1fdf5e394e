import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { currentUser } from '../auth/current-user';
import { loadMessages } from './messages';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from './locales';

/** The profile's language, else the cookie (set by the switcher), else the browser's, else English. */
async function resolveLocale(): Promise<Locale> {
  const user = await currentUser().catch(() => null);
  if (isLocale(user?.locale)) return user.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage((await headers()).get('accept-language')) ?? DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadMessages(locale) };
});
