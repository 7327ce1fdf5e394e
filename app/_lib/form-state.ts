import type { z } from 'zod';
import { DomainError } from '@/lib/errors';

export type FormState<T = undefined> =
  | { status: 'idle' }
  | { status: 'ok'; message: string; data?: T }
  | { status: 'error'; message: string; fieldErrors?: Record<string, string> };

export const idle = { status: 'idle' } as const;

export function zodFormError(error: z.ZodError): FormState<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fieldErrors[key] ??= issue.message;
  }
  return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors };
}

/** Expected failures become a message on the form; anything else is a real error and is rethrown. */
export function domainFormError(err: unknown): FormState<never> {
  if (err instanceof DomainError) return { status: 'error', message: err.message };
  throw err;
}
