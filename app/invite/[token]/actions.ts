'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';
import { DisplayNameSchema, PasswordSchema } from '@/lib/contracts/auth';
import { acceptAsUser, acceptWithPassword } from '@/lib/services/invitations';
import { DomainError } from '@/lib/errors';

export type AcceptResult = { ok: true; email: string; slug: string } | { ok: false; message: string };

/** Sets the invited person's password; the browser then signs in with it. */
export async function acceptWithPasswordAction(token: string, input: { name: string; password: string }): Promise<AcceptResult> {
  const parsed = z.object({ name: DisplayNameSchema, password: PasswordSchema }).safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' };
  try {
    return { ok: true, ...(await acceptWithPassword(token, parsed.data)) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, message: err.message };
    throw err;
  }
}

export async function acceptAsUserAction(token: string): Promise<void> {
  const user = await requireUser(`/invite/${token}`);
  const slug = await acceptAsUser(token, user.id);
  redirect(`/events/${slug}`);
}
