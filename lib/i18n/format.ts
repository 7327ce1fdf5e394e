import type { Locale } from './locales';

/** The Intl locale for an app locale: British English (24-hour clock, "Friday 27 November"), Indonesian ("Jumat, 27 November"). */
export function intlLocale(locale: string): string {
  return locale === 'id' ? 'id-ID' : 'en-GB';
}

/** A country's name in the viewer's language ("Nepal", "Filipina"), from the ISO code. */
export function localCountryName(code: string | null | undefined, locale: Locale | string): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** An event's days, e.g. "28 November – 2 December 2026" / "28 November – 2 Desember 2026" (calendar days, no zone shift). */
export function formatDayRange(startDay: string, endDay: string, locale: string): string {
  const f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const noon = (d: string) => new Date(`${d}T12:00:00Z`);
  return f.formatRange(noon(startDay), noon(endDay));
}
