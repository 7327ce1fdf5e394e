import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';

countries.registerLocale(en);

/** ISO 3166-1 alpha-2 in upper case, or null when the code is not a country. */
export function normalizeCountry(input: string): string | null {
  const code = input.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && countries.isValid(code)) return code;
  // Organizers often type names ("Indonesia") in spreadsheets.
  const byName = countries.getAlpha2Code(input.trim(), 'en');
  return byName ?? null;
}

export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  return countries.getName(code, 'en') ?? code;
}

/** A flag emoji from the two regional-indicator letters. */
export function countryFlag(code: string | null | undefined): string {
  if (!code || !/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}
