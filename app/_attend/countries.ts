import countries from 'i18n-iso-countries';
import { localCountryName as intlCountryName } from '@/lib/i18n/format';

// The list of codes comes from i18n-iso-countries; the names come from the
// runtime's CLDR data (Intl.DisplayNames), like everywhere else in Balai. The
// package's Indonesian file leaves dozens of names in English ("Sweden",
// "Isle of Man") and spells some differently from the other pages ("Viet Nam").
const CODES = Object.keys(countries.getAlpha2Codes());

/** Country options named in the viewer's language, sorted for that language. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const lang = locale === 'id' ? 'id' : 'en';
  return CODES.map((code) => ({ code, name: intlCountryName(code, lang) }))
    .filter((c) => c.name !== c.code)
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

export function localCountryName(code: string | null | undefined, locale: string): string {
  return intlCountryName(code, locale);
}
