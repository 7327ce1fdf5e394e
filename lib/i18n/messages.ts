import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LOCALE, type Locale } from './locales';

type Messages = { [key: string]: string | Messages };

// Each domain owns one file per locale: messages/<locale>/<namespace>.json.
const DIR = path.join(process.cwd(), 'lib/i18n/messages');
const cache = new Map<Locale, Promise<Messages>>();

async function readLocale(locale: Locale): Promise<Messages> {
  const dir = path.join(DIR, locale);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  const entries = await Promise.all(
    files.map(async (f) => [f.slice(0, -'.json'.length), JSON.parse(await readFile(path.join(dir, f), 'utf8')) as Messages] as const),
  );
  return Object.fromEntries(entries);
}

function mergeFallback(primary: Messages, fallback: Messages): Messages {
  const out: Messages = { ...fallback };
  for (const [key, value] of Object.entries(primary)) {
    const base = fallback[key];
    out[key] = typeof value === 'object' && typeof base === 'object' ? mergeFallback(value, base) : value;
  }
  return out;
}

/** A locale's messages, with English filling any key a translation lacks (never a raw key on screen). */
export function loadMessages(locale: Locale): Promise<Messages> {
  const cached = process.env.NODE_ENV === 'production' ? cache.get(locale) : undefined;
  if (cached) return cached;
  const loading = (async () => {
    const own = await readLocale(locale);
    return locale === DEFAULT_LOCALE ? own : mergeFallback(own, await readLocale(DEFAULT_LOCALE));
  })();
  cache.set(locale, loading);
  return loading;
}
