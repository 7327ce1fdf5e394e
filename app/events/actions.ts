'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/current-user';
import { EventInputSchema, MemberInputSchema, SessionInputSchema } from '@/lib/contracts/programme';
import { InvitationLanguageSchema } from '@/lib/contracts/registration';
import { createEvent, createSession, deleteSession, updateEvent, updateSession } from '@/lib/services/programme';
import { changeMember, inviteMember, removeMember } from '@/lib/services/members';
import { ATTENDANCE_MODES, ROLES } from '@/lib/domain/roles';
import { domainFormError, requestLocale, zodFormError } from '../_lib/form-errors';
import type { FormState } from '../_lib/form-state';

const text = (form: FormData, key: string) => String(form.get(key) ?? '');
const messages = () => getTranslations('events.messages');


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
  return { status: 'ok', message: (await messages())('eventSaved') };
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
  return { status: 'ok', message: (await messages())('sessionAdded', { title: parsed.data.title }) };
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
  const language = InvitationLanguageSchema.safeParse(text(form, 'language') || undefined);
  if (!parsed.success) return zodFormError(parsed.error);
  if (!language.success) return zodFormError(language.error);
  try {
    const result = await inviteMember(user.id, eventId, parsed.data, { language: language.data, organizerLocale: await requestLocale() });
    revalidatePath(`/events/${slug}/manage`);
    const t = await messages();
    return { status: 'ok', message: result === 'added' ? t('invited', { name: parsed.data.name }) : t('updated', { name: parsed.data.name }) };
  } catch (err) {
    return domainFormError(err);
  }
}

export async function changeMemberAction(eventId: string, slug: string, userId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/events/${slug}/manage`);
  const role = ROLES.find((r) => r === form.get('role'));
  const attendanceMode = ATTENDANCE_MODES.find((m) => m === form.get('attendanceMode'));
  if (!role || !attendanceMode) return { status: 'error', message: (await messages())('chooseRoleMode') };
  try {
    await changeMember(user.id, eventId, userId, { role, attendanceMode });
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath(`/events/${slug}/manage`);
  return { status: 'ok', message: (await messages())('saved') };
}

/** Takes the person out of the event; their open sockets in it drop at once. */
export async function removeMemberAction(eventId: string, slug: string, userId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const user = await requireUser(`/events/${slug}/manage`);
  try {
    await removeMember(user.id, eventId, userId);
  } catch (err) {
    return domainFormError(err);
  }
  revalidatePath(`/events/${slug}/manage`);
  return { status: 'ok', message: (await messages())('removed') };
}
