export const LOCALES = ['en', 'id'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'BALAI_LOCALE';
/** Set by proxy.ts on /invite/<token> requests: the invitation whose language the page may use. */
export const INVITATION_HEADER = 'x-balai-invitation';
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', id: 'Bahasa Indonesia' };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The best supported locale in an Accept-Language header ("id-ID,id;q=0.9,en;q=0.8" → "id"). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { base: tag.toLowerCase().split('-')[0], q: q ? Number(q) : 1 };
    })
    .filter((r) => Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.base).find(isLocale) ?? null;
}
