import { createTranslator } from 'next-intl';
import { z } from 'zod';
import en from './messages/en/errors.json';
import id from './messages/id/errors.json';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';

// Server-side only: the socket layer, server actions and route handlers turn
// error keys into the caller's language here. Pages use next-intl directly.

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every error text is a key of messages/<locale>/errors.json, so a typo fails the typecheck. */
export type ErrorKey = Leaves<typeof en>;
export type ErrorParams = Record<string, string | number>;
/** A text not yet in anyone's language: what services return for the boundary to translate. */
export interface ErrorText {
  key: ErrorKey;
  params?: ErrorParams;
}

const catalogs: Record<Locale, typeof en> = { en, id };
type Translate = ((key: string, params?: ErrorParams) => string) & { has: (key: string) => boolean };
const translators = new Map<Locale, Translate>();

function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    // English fills any key a translation lacks, as for the pages (lib/i18n/messages.ts).
    t = createTranslator({
      locale,
      messages: { errors: catalogs[locale] },
      namespace: 'errors',
      onError: () => undefined,
      getMessageFallback: ({ key }) => (locale === DEFAULT_LOCALE ? key : errorText(DEFAULT_LOCALE, key as ErrorKey)),
    }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

export function errorText(locale: Locale, key: ErrorKey, params?: ErrorParams): string {
  return translator(locale)(key, params);
}

export const isErrorKey = (value: string): value is ErrorKey => translator(DEFAULT_LOCALE).has(value);

/** The caller's locale, or English for anything unknown. */
export const toLocale = (value: unknown): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

const zodLocales = { en: z.locales.en, id: z.locales.id } satisfies Record<Locale, unknown>;

/**
 * One validation issue in the reader's language. Schemas name their own
 * messages by error key (with `params` on custom issues); zod's built-in
 * messages ("too small", "invalid option") come from zod's own locales.
 */
export function issueText(issue: z.core.$ZodIssue, locale: Locale): string {
  if (isErrorKey(issue.message)) {
    return errorText(locale, issue.message, issueParams(issue));
  }
  const built = zodLocales[locale]().localeError?.(issue as never);
  const text = typeof built === 'string' ? built : (built as { message?: string } | undefined)?.message;
  return text ?? issue.message;
}

/** What a message may say about the issue: a custom issue's params, or a bound such as {maximum}. */
function issueParams(issue: z.core.$ZodIssue): ErrorParams | undefined {
  if (issue.code === 'custom') return issue.params as ErrorParams | undefined;
  if (issue.code === 'too_small') return { minimum: Number(issue.minimum) };
  if (issue.code === 'too_big') return { maximum: Number(issue.maximum) };
  return undefined;
}
