'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { DisplayNameSchema, PasswordSchema } from '@/lib/contracts/auth';
import { acceptAsUser, acceptWithPassword } from '@/lib/services/invitations';
import { DomainError, errorMessage } from '@/lib/errors';
import { errorText, issueText } from '@/lib/i18n/error-text';
import { requestLocale } from '../../_lib/form-errors';

export type AcceptResult = { ok: true; email: string; slug: string } | { ok: false; message: string };

/** Sets the invited person's password; the browser then signs in with it. */
export async function acceptWithPasswordAction(token: string, input: { name: string; password: string }): Promise<AcceptResult> {
  const parsed = z.object({ name: DisplayNameSchema, password: PasswordSchema }).safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const locale = await requestLocale();
    return { ok: false, message: first ? issueText(first, locale) : errorText(locale, 'general.invalidPayload') };
  }
  try {
    return { ok: true, ...(await acceptWithPassword(token, parsed.data, await requestLocale())) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: errorMessage(err, await requestLocale()) };
    throw err;
  }
}

export async function acceptAsUserAction(token: string): Promise<void> {
  const user = await requireUser(`/invite/${token}`);
  const slug = await acceptAsUser(token, user.id);
  redirect(`/events/${slug}`);
}
