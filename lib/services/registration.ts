import { liveAccess } from './live-access';
import { randomBytes } from 'node:crypto';
import { db } from '../db/client';
import { findEventById } from '../db/queries/programme';
import {
  insertMember,
  insertMemberDetails,
  memberProfile,
  memberProfiles,
  memberRoleAndMode,
  registeredThroughLink,
  saveAccessibilityNeeds,
  setCountryAndOrganisation,
} from '../db/queries/members';
import { findRegistrationLink, findRegistrationLinkByToken, lockRegistrationLinkByToken, saveRegistrationLinkRow } from '../db/queries/registration';
import { setTimeZoneAndLocale } from '../db/queries/users';
import { MemberInputSchema } from '../contracts/programme';
import type { InviteList, ProfileInput, RegistrationInput, RegistrationLinkInput } from '../contracts/registration';
import { zonedLocalToInstant } from '../domain/time';
import { DomainError, notFound } from '../errors';
import { errorText, issueText } from '../i18n/error-text';
import type { Locale } from '../i18n/locales';
import { authorize } from './authorize';
import { deliverInvitations, ensureInvitations, publicUrl, type InvitationLink, type Invitee } from './invitations';
import { upsertMember, type ImportReport } from './members';

export interface ListInviteReport {
  added: number;
  updated: number;
  rejected: ImportReport['rejected'];
  invitations: InvitationLink[];
}

/** "Siti Rahma <siti@x.id>", "siti@x.id, Siti Rahma", "Siti Rahma; siti@x.id" or a bare address. */
export function parseInviteLine(line: string): { name: string; email: string } {
  const angled = /^\s*"?([^"<]*?)"?\s*<\s*([^>\s]+)\s*>\s*$/.exec(line);
  if (angled) return { name: angled[1]!.trim(), email: angled[2]!.trim() };
  const parts = line
    .split(/[,;\t]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const email = parts.find((p) => p.includes('@')) ?? parts[0] ?? '';
  const name = parts.find((p) => p !== email) ?? '';
  return { name, email };
}

const nameFromEmail = (email: string) =>
  email
    .split('@')[0]!
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');

/**
 * Invites every address of a pasted list with the same role, mode, country,
 * organisation and invitation language (`locale`, the organizer's own, when the list names none). Like the CSV import: each bad line is reported with its number,
 * the good ones are written in one transaction (all or nothing).
 */
export async function inviteList(actorId: string, eventId: string, list: InviteList, locale: Locale = 'en'): Promise<ListInviteReport> {
  await authorize(actorId, eventId, 'registration:manage');
  const rejected: ImportReport['rejected'] = [];
  const valid: { row: number; input: ReturnType<typeof MemberInputSchema.parse> }[] = [];
  const seen = new Map<string, number>();
  list.text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const row = index + 1;
    const { name, email } = parseInviteLine(line);
    const parsed = MemberInputSchema.safeParse({
      name: name || nameFromEmail(email),
      email,
      role: list.role,
      attendanceMode: list.attendanceMode,
      country: list.country,
      organisation: list.organisation,
    });
    const reasons = parsed.success ? [] : parsed.error.issues.map((i) => issueText(i, locale));
    const key = email.toLowerCase();
    if (key && seen.has(key)) reasons.push(errorText(locale, 'csv.duplicateLine', { line: seen.get(key)! }));
    else if (key) seen.set(key, row);
    if (reasons.length || !parsed.success) rejected.push({ row, email, reasons });
    else valid.push({ row, input: parsed.data });
  });
  if (valid.length === 0 && rejected.length === 0) throw new DomainError('invalid_payload', 'registration.pasteEmail');
  const d = await db();
  let added = 0;
  let updated = 0;
  const ids = await d.transaction(async (tx) => {
    const invitees: Invitee[] = [];
    for (const { input } of valid) {
      const result = await upsertMember(tx, eventId, input, { via: 'invite' });
      if (result.status === 'added') added++;
      else updated++;
      invitees.push({ userId: result.userId, locale: list.language ?? locale, chosen: Boolean(list.language) });
    }
    await ensureInvitations(tx, eventId, actorId, invitees);
    return invitees.map((i) => i.userId);
  });
  return { added, updated, rejected, invitations: await deliverInvitations(eventId, ids) };
}

// ---- the open registration link ----

export const registrationUrl = (token: string) => publicUrl(`/register/${token}`);

export async function registrationLinkFor(actorId: string, eventId: string) {
  await authorize(actorId, eventId, 'registration:manage');
  const link = await findRegistrationLink(eventId);
  return link ? { ...link, url: registrationUrl(link.token), registered: await registeredThroughLink(eventId) } : null;
}

export async function saveRegistrationLink(actorId: string, eventId: string, input: RegistrationLinkInput): Promise<void> {
  await authorize(actorId, eventId, 'registration:manage');
  const event = await findEventById(eventId);
  if (!event) throw notFound('event');
  const closesAt = zonedLocalToInstant(input.closesAt, event.timeZone);
  await saveRegistrationLinkRow(eventId, randomBytes(18).toString('base64url'), { capacity: input.capacity, closesAt, open: input.open });
}

export type LinkState = 'open' | 'paused' | 'closed' | 'full';

/** The public side of a link; null when the token names no link. */
export async function registrationByToken(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const row = await findRegistrationLinkByToken(token);
  if (!row) return null;
  const registered = await registeredThroughLink(row.event.id);
  const state: LinkState =
    row.link.open === 'paused' ? 'paused' : row.link.closesAt <= now ? 'closed' : registered >= row.link.capacity ? 'full' : 'open';
  return { event: row.event, link: row.link, registered, remaining: Math.max(0, row.link.capacity - registered), state };
}

/**
 * Registers a signed-in person through the link. The link row is locked for
 * the transaction, so two people taking the last place cannot both get it.
 * Registering again is harmless: an existing member is sent to the event.
 */
export async function registerThroughLink(userId: string, token: string, input: RegistrationInput, now = new Date()): Promise<string> {
  const d = await db();
  return d.transaction(async (tx) => {
    const row = await lockRegistrationLinkByToken(tx, token);
    if (!row) throw new DomainError('not_found', 'registration.linkInvalid');
    const eventId = row.event.id;
    const member = await memberRoleAndMode(tx, eventId, userId);
    if (member) return row.event.slug;
    if (row.link.open === 'paused') throw new DomainError('conflict', 'registration.paused');
    if (row.link.closesAt <= now) throw new DomainError('conflict', 'registration.closed');
    if ((await registeredThroughLink(eventId, tx)) >= row.link.capacity) throw new DomainError('conflict', 'registration.eventFull');
    await insertMember(tx, {
      eventId,
      userId,
      role: 'participant',
      attendanceMode: input.attendanceMode,
      country: input.country,
      organisation: input.organisation,
    });
    await insertMemberDetails(tx, { eventId, userId, registeredVia: 'link', accessibilityNeeds: input.accessibilityNeeds });
    await setTimeZoneAndLocale(tx, userId, { timeZone: input.timeZone, locale: input.locale });
    return row.event.slug;
  });
}

// ---- the participant's own profile ----

export async function loadProfile(userId: string, eventId: string) {
  const row = await memberProfile(eventId, userId);
  if (!row) throw notFound('membership');
  return { ...row, accessibilityNeeds: row.accessibilityNeeds ?? '' };
}

/** A member changes their own details; the attendance mode and role stay as the organizer set them. */
export async function updateOwnProfile(userId: string, eventId: string, input: ProfileInput): Promise<void> {
  const d = await db();
  await d.transaction(async (tx) => {
    if (!(await setCountryAndOrganisation(tx, eventId, userId, { country: input.country, organisation: input.organisation }))) throw notFound('membership');
    await saveAccessibilityNeeds(tx, eventId, userId, input.accessibilityNeeds);
    await setTimeZoneAndLocale(tx, userId, { timeZone: input.timeZone, locale: input.locale });
  });
  // The country is part of the actor (a question's origin).
  await liveAccess()?.actorsChanged([userId]);
}

/** What organizers need to know about each member to welcome them: the profile, needs included. */
export async function listProfiles(actorId: string, eventId: string) {
  await authorize(actorId, eventId, 'registration:manage');
  return memberProfiles(eventId);
}
