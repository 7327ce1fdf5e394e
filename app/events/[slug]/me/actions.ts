'use server';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/current-user';
import { ProfileInputSchema } from '@/lib/contracts/registration';
import { updateOwnProfile } from '@/lib/services/registration';
import { domainFormError, zodFormError } from '../../../_lib/form-errors';
import type { FormState } from '../../../_lib/form-state';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

/** The caller's own profile in this event; the attendance mode is not read from the form at all. */
export async function updateProfileAction(eventId: string, slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/events/${slug}/me`);
  const parsed = ProfileInputSchema.safeParse({
    country: text(form, 'country'),
    organisation: text(form, 'organisation'),
    timeZone: text(form, 'timeZone'),
    locale: text(form, 'locale'),
    accessibilityNeeds: text(form, 'accessibilityNeeds'),
  });
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    await updateOwnProfile(user.id, eventId, parsed.data);
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath('/', 'layout');
  return { status: 'ok', message: 'saved' };
}
