'use server';
import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/current-user';
import { InviteListSchema, RegistrationLinkInputSchema } from '@/lib/contracts/registration';
import { importMembersCsv } from '@/lib/services/members';
import { inviteList, saveRegistrationLink, type ListInviteReport } from '@/lib/services/registration';
import { resendInvitation } from '@/lib/services/invitations';
import { domainFormError, requestLocale, zodFormError } from '../../../_lib/form-errors';
import type { FormState } from '../../../_lib/form-state';
import { env } from '@/lib/env';
import { errorText } from '@/lib/i18n/error-text';
import { formatByteSize } from '@/lib/i18n/format';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

export type ListReportState = FormState<ListInviteReport>;

export async function inviteListAction(eventId: string, slug: string, _prev: ListReportState, form: FormData): Promise<ListReportState> {
  const user = await requireUser(`/events/${slug}/registration`);
  const parsed = InviteListSchema.safeParse({
    text: text(form, 'emails'),
    role: text(form, 'role'),
    attendanceMode: text(form, 'attendanceMode'),
    country: text(form, 'country'),
    organisation: text(form, 'organisation'),
    language: text(form, 'language') || undefined,
  });
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    const report = await inviteList(user.id, eventId, parsed.data, await requestLocale());
    revalidatePath(`/events/${slug}`, 'layout');
    return { status: 'ok', message: 'done', data: report };
  } catch (err) {
    return domainFormError(err);
  }
}

export async function importCsvAction(eventId: string, slug: string, _prev: ListReportState, form: FormData): Promise<ListReportState> {
  const user = await requireUser(`/events/${slug}/registration`);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { status: 'error', message: 'chooseFile' };
  // The server refused a bigger body before this ran (UPLOAD_BODY_LIMIT); the same limit, said the same way, should that ever change.
  const limit = env().UPLOAD_BODY_LIMIT;
  if (file.size > limit) return { status: 'error', message: errorText(await requestLocale(), 'general.bodyTooLarge', { limit: formatByteSize(limit) }) };
  try {
    const report = await importMembersCsv(user.id, eventId, await file.text(), await requestLocale());
    revalidatePath(`/events/${slug}`, 'layout');
    return { status: 'ok', message: 'done', data: report };
  } catch (err) {
    return domainFormError(err);
  }
}

export async function saveLinkAction(eventId: string, slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/events/${slug}/registration`);
  const parsed = RegistrationLinkInputSchema.safeParse({ capacity: text(form, 'capacity'), closesAt: text(form, 'closesAt'), open: text(form, 'open') });
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    await saveRegistrationLink(user.id, eventId, parsed.data);
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath(`/events/${slug}/registration`);
  return { status: 'ok', message: 'linkSaved' };
}

export async function resendAction(eventId: string, slug: string, userId: string): Promise<void> {
  const user = await requireUser(`/events/${slug}/registration`);
  await resendInvitation(user.id, eventId, userId, await requestLocale());
  revalidatePath(`/events/${slug}/registration`);
}
