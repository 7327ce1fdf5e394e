import { errorText, type ErrorKey } from '@/lib/i18n/error-text';
import { requestLocale } from './form-errors';

/** A download link that cannot be served answers in the reader's language, as plain text. */
export async function plainError(status: 401 | 404, key: ErrorKey = status === 401 ? 'general.signInFirst' : 'general.notFound'): Promise<Response> {
  return new Response(errorText(await requestLocale(), key), { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
