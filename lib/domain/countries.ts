import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';

countries.registerLocale(en);

/** ISO 3166-1 alpha-2 in upper case, or null when the code is not a country. */
export function normalizeCountry(input: string): string | null {
  const code = input.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && countries.isValid(code)) return code;
  // Organizers often type names ("Indonesia", "Viet Nam") in spreadsheets.
  return byLooseName().get(loose(input)) ?? null;
}

const loose = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');
let looseNames: Map<string, string> | undefined;
function byLooseName(): Map<string, string> {
  if (!looseNames) {
    looseNames = new Map();
    for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
      for (const name of names) looseNames.set(loose(name), code);
    }
  }
  return looseNames;
}

export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  return countries.getName(code, 'en') ?? code;
}

