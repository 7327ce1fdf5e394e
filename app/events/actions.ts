'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { EventInputSchema, MemberInputSchema, SessionInputSchema } from '@/lib/contracts/programme';
import { createEvent, createSession, deleteSession, updateEvent, updateSession } from '@/lib/services/programme';
import { changeMember, importMembersCsv, inviteMember, type ImportReport } from '@/lib/services/members';
import { ATTENDANCE_MODES, ROLES } from '@/lib/domain/roles';
import { domainFormError, zodFormError, type FormState } from '../_lib/form-state';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

function eventFields(form: FormData) {
  return {
    title: text(form, 'title'),
    description: text(form, 'description'),
    timeZone: text(form, 'timeZone'),
    startDate: text(form, 'startDate'),
    endDate: text(form, 'endDate'),
    venueName: text(form, 'venueName'),
    venueAddress: text(form, 'venueAddress'),
  };
}

export async function createEventAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser('/events/new');
  const parsed = EventInputSchema.safeParse(eventFields(form));
  if (!parsed.success) return zodFormError(parsed.error);
  let slug: string;
  try {
    slug = (await createEvent(user.id, parsed.data)).slug;
  } catch (err) {
    return domainFormError(err);
  }
  redirect(`/events/${slug}/manage`);
}

export async function updateEventAction(eventId: string, slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/events/${slug}/manage`);
  const parsed = EventInputSchema.safeParse(eventFields(form));
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    await updateEvent(user.id, eventId, parsed.data);
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath(`/events/${slug}`);
  return { status: 'ok', message: 'Event saved.' };
}

function sessionFields(form: FormData) {
  return {
    title: text(form, 'title'),
    description: text(form, 'description'),
    startsAt: text(form, 'startsAt'),
    endsAt: text(form, 'endsAt'),
    kind: text(form, 'kind'),
    liveMode: text(form, 'liveMode'),
    venueRoom: text(form, 'venueRoom'),
    speakers: text(form, 'speakers')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export async function saveSessionAction(
  ids: { eventId: string; slug: string; sessionId?: string },
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const user = await requireUser(`/events/${ids.slug}/manage`);
  const parsed = SessionInputSchema.safeParse(sessionFields(form));
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    if (ids.sessionId) await updateSession(user.id, ids.sessionId, parsed.data);
    else await createSession(user.id, ids.eventId, parsed.data);
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath(`/events/${ids.slug}`, 'layout');
  if (ids.sessionId) redirect(`/events/${ids.slug}/manage`);
  return { status: 'ok', message: `Session “${parsed.data.title}” added.` };
}

export async function deleteSessionAction(ids: { eventId: string; slug: string; sessionId: string }): Promise<void> {
  const user = await requireUser(`/events/${ids.slug}/manage`);
  await deleteSession(user.id, ids.eventId, ids.sessionId);
  revalidatePath(`/events/${ids.slug}`, 'layout');
}

export async function inviteMemberAction(eventId: string, slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/events/${slug}/manage`);
  const parsed = MemberInputSchema.safeParse({
    name: text(form, 'name'),
    email: text(form, 'email'),
    role: text(form, 'role'),
    attendanceMode: text(form, 'attendanceMode'),
    country: text(form, 'country'),
    organisation: text(form, 'organisation'),
  });
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    const result = await inviteMember(user.id, eventId, parsed.data);
    revalidatePath(`/events/${slug}/manage`);
    return { status: 'ok', message: result === 'added' ? `${parsed.data.name} was invited.` : `${parsed.data.name} was updated.` };
  } catch (err) {
    return domainFormError(err);
  }
}

export async function changeMemberAction(eventId: string, slug: string, userId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/events/${slug}/manage`);
  const role = ROLES.find((r) => r === form.get('role'));
  const attendanceMode = ATTENDANCE_MODES.find((m) => m === form.get('attendanceMode'));
  if (!role || !attendanceMode) return { status: 'error', message: 'Choose a role and an attendance mode.' };
  try {
    await changeMember(user.id, eventId, userId, { role, attendanceMode });
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath(`/events/${slug}/manage`);
  return { status: 'ok', message: 'Saved.' };
}

const MAX_CSV_BYTES = 1_000_000;

export async function importMembersAction(eventId: string, slug: string, _prev: FormState<ImportReport>, form: FormData): Promise<FormState<ImportReport>> {
  const user = await requireUser(`/events/${slug}/manage`);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { status: 'error', message: 'Choose a CSV file.' };
  if (file.size > MAX_CSV_BYTES) return { status: 'error', message: 'The file is larger than 1 MB.' };
  try {
    const report = await importMembersCsv(user.id, eventId, await file.text());
    revalidatePath(`/events/${slug}/manage`);
    const summary = `Imported ${report.added} new, updated ${report.updated}, rejected ${report.rejected.length}.`;
    return { status: 'ok', message: summary, data: report };
  } catch (err) {
    return domainFormError(err);
  }
}
