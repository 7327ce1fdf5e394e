import type { Locale } from './locales';

/** The Intl locale for an app locale: British English (24-hour clock, "Friday 27 November"), Indonesian ("Jumat, 27 November"). */
export function intlLocale(locale: string): string {
  return locale === 'id' ? 'id-ID' : 'en-GB';
}

/** A size for people: "32 KB", "1 MB", "1.5 MB" (1 KB = 1024 bytes, as the size variables in lib/env.ts). */
export function formatByteSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
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

/**
 * A moment as people here read it, on the 24-hour clock in both languages:
 * "28 Nov 2026, 14:05" / "28 Nov 2026 14.05". next-intl's own formatter would
 * use US English ("Nov 28, 2026, 2:05 PM") for `en`, unlike the programme.
 */
export function formatStamp(at: Date, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** A clock time with seconds ("14:05:09"), e.g. when a draft was last saved. */
export function formatClock(at: Date, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', second: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(at);
}
