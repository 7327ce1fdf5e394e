import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDay, formatTime } from '../../lib/domain/time';
import { formatDayRange, intlLocale, localCountryName } from '../../lib/i18n/format';
import { localeFromAcceptLanguage } from '../../lib/i18n/locales';

type Tree = { [key: string]: string | Tree };
const load = (locale: string, ns: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '../../lib/i18n/messages', locale, `${ns}.json`), 'utf8')) as Tree;
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
/** The arguments a message takes: top-level `{name}` / `{name, plural, …}`, not the words inside a select's branches. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') {
      // Depth 0 opens an argument; depth 2 is an argument nested in a plural/select branch.
      if (depth % 2 === 0) names.add(/^\{\s*(\w+)/.exec(text.slice(i))?.[1] ?? '');
      depth++;
    } else if (text[i] === '}') depth--;
  }
  return [...names].sort();
}
const lookup = (tree: Tree, key: string) => key.split('.').reduce<Tree | string>((t, k) => (t as Tree)[k]!, tree) as string;

describe('Indonesian dates and times', () => {
  it.each([
    ['en', '2026-11-27', 'Friday 27 November'],
    ['id', '2026-11-27', 'Jumat, 27 November'],
    ['id', '2026-11-30', 'Senin, 30 November'],
  ])('%s formats %s as %s', (locale, day, expected) => {
    expect(formatDay(day, intlLocale(locale))).toBe(expected);
  });

  it('uses the 24-hour clock in both languages, with the Indonesian separator', () => {
    const nineInJakarta = new Date('2026-11-27T02:00:00Z');
    expect(formatTime(nineInJakarta, 'Asia/Jakarta', intlLocale('en'))).toBe('09:00');
    expect(formatTime(nineInJakarta, 'Asia/Jakarta', intlLocale('id'))).toBe('09.00');
  });

  it('names countries in the viewer’s language', () => {
    expect(localCountryName('PH', 'en')).toBe('Philippines');
    expect(localCountryName('PH', 'id')).toBe('Filipina');
    expect(localCountryName(null, 'id')).toBe('');
  });

  it('picks Indonesian from the browser', () => {
    expect(localeFromAcceptLanguage('id-ID,id;q=0.9,en;q=0.8')).toBe('id');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
  });
});

describe('message files', () => {
  const namespaces = readdirSync(path.join(__dirname, '../../lib/i18n/messages/en')).map((f) => f.replace(/\.json$/, ''));
  it.each(namespaces)('%s: Indonesian has every English key with the same placeholders', (ns) => {
    const en = load('en', ns);
    const id = load('id', ns);
    expect(keys(id).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) expect(placeholders(lookup(id, key)), `${ns}.${key}`).toEqual(placeholders(lookup(en, key)));
  });
});

describe('event day ranges', () => {
  it.each([
    ['en', '28 November – 2 December 2026'],
    ['id', '28 November – 2 Desember 2026'],
  ])('%s', (locale, expected) => {
    // ICU puts thin spaces around the dash.
    expect(formatDayRange('2026-11-28', '2026-12-02', locale).replace(/\s/g, ' ')).toBe(expected);
  });
});
