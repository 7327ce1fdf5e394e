import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import id from 'i18n-iso-countries/langs/id.json';

countries.registerLocale(en);
countries.registerLocale(id);

/** Country options named in the viewer's language, sorted for that language. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const lang = locale === 'id' ? 'id' : 'en';
  const names = countries.getNames(lang, { select: 'official' });
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

export function localCountryName(code: string | null | undefined, locale: string): string {
  if (!code) return '';
  return countries.getName(code, locale === 'id' ? 'id' : 'en') ?? code;
}
