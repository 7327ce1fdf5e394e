import { getLocale } from 'next-intl/server';
import type { z } from 'zod';
import { DomainError, errorMessage } from '@/lib/errors';
import { isUnstorableTextError } from '@/lib/contracts/storable-text';
import { errorText, issueText, toLocale } from '@/lib/i18n/error-text';
import type { FormState } from './form-state';

/** The language of the request a server action or route handler is answering. */
export const requestLocale = async () => toLocale(await getLocale());

/** Field messages in the reader's language, the first per field. */
export async function zodFormError(error: z.ZodError): Promise<FormState<never>> {
  const locale = await requestLocale();
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fieldErrors[key] ??= issueText(issue, locale);
  }
  return { status: 'error', message: errorText(locale, 'general.correctFields'), fieldErrors };
}

/** Expected failures become a message on the form; anything else is a real error and is rethrown. */
export async function domainFormError(err: unknown): Promise<FormState<never>> {
  if (err instanceof DomainError) return { status: 'error', message: errorMessage(err, await requestLocale()) };
  // A form field with a NUL (or a lone surrogate) reached the database: the sender's text, not a server fault.
  if (isUnstorableTextError(err)) return { status: 'error', message: errorText(await requestLocale(), 'general.unstorableText') };
  throw err;
}
