import { DEFAULT_LOCALE, isLocale } from '@/lib/i18n/locales';

// Said by the browser when the server never answered, so no server can say it
// in the reader's language. Kept out of next-intl's context because request
// helpers are not components, and inlined (two sentences) so the phone page
// does not ship the whole error catalog; tests/unit/error-text.test.ts keeps
// it equal to errors.json general.timeout.
export const NO_ANSWER = {
  en: 'The server did not answer in time. Check your connection.',
  id: 'Server tidak menjawab tepat waktu. Periksa koneksi Anda.',
} as const;

export function noAnswerText(): string {
  const lang = typeof document === 'undefined' ? DEFAULT_LOCALE : document.documentElement.lang;
  return NO_ANSWER[isLocale(lang) ? lang : DEFAULT_LOCALE];
}
