import { createTranslator } from 'next-intl';
import { loadMessages } from './messages';
import type { Locale } from './locales';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * A namespace's messages in one language, outside any request: documents
 * (certificates, badge sheets) are made in the language asked for, which need
 * not be the language of the page that asked.
 */
export async function translatorFor(locale: Locale, namespace: string): Promise<Translate> {
  const messages = await loadMessages(locale);
  return createTranslator({ locale, messages, namespace: namespace as never }) as unknown as Translate;
}
