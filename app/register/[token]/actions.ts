'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { RegistrationInputSchema } from '@/lib/contracts/registration';
import { registerThroughLink } from '@/lib/services/registration';
import { domainFormError, zodFormError } from '../../_lib/form-errors';
import type { FormState } from '../../_lib/form-state';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

export async function registerAction(token: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/register/${token}`);
  const parsed = RegistrationInputSchema.safeParse({
    country: text(form, 'country'),
    organisation: text(form, 'organisation'),
    timeZone: text(form, 'timeZone'),
    locale: text(form, 'locale'),
    accessibilityNeeds: text(form, 'accessibilityNeeds'),
    attendanceMode: text(form, 'attendanceMode'),
  });
  if (!parsed.success) return zodFormError(parsed.error);
  let slug: string;
  try {
    slug = await registerThroughLink(user.id, token, parsed.data);
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath('/', 'layout');
  redirect(`/events/${slug}/me`);
}
