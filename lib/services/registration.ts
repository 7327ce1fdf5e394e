import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { eventMembers, events, memberDetails, registrationLinks, users } from '../db/schema';
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

async function registeredThroughLink(eventId: string): Promise<number> {
  const d = await db();
  const [row] = await d
    .select({ n: count() })
    .from(memberDetails)
    .where(and(eq(memberDetails.eventId, eventId), eq(memberDetails.registeredVia, 'link')));
  return row?.n ?? 0;
}

export async function registrationLinkFor(actorId: string, eventId: string) {
  await authorize(actorId, eventId, 'registration:manage');
  const d = await db();
  const [link] = await d.select().from(registrationLinks).where(eq(registrationLinks.eventId, eventId));
  return link ? { ...link, url: registrationUrl(link.token), registered: await registeredThroughLink(eventId) } : null;
}

export async function saveRegistrationLink(actorId: string, eventId: string, input: RegistrationLinkInput): Promise<void> {
  await authorize(actorId, eventId, 'registration:manage');
  const d = await db();
  const [event] = await d.select({ timeZone: events.timeZone }).from(events).where(eq(events.id, eventId));
  if (!event) throw notFound('event');
  const closesAt = zonedLocalToInstant(input.closesAt, event.timeZone);
  await d
    .insert(registrationLinks)
    .values({ eventId, token: randomBytes(18).toString('base64url'), capacity: input.capacity, closesAt, open: input.open })
    .onConflictDoUpdate({ target: registrationLinks.eventId, set: { capacity: input.capacity, closesAt, open: input.open, updatedAt: new Date() } });
}

export type LinkState = 'open' | 'paused' | 'closed' | 'full';

/** The public side of a link; null when the token names no link. */
export async function registrationByToken(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const d = await db();
  const [row] = await d
    .select({ link: registrationLinks, event: events })
    .from(registrationLinks)
    .innerJoin(events, eq(events.id, registrationLinks.eventId))
    .where(eq(registrationLinks.token, token));
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
    const [row] = await tx
      .select({ link: registrationLinks, event: events })
      .from(registrationLinks)
      .innerJoin(events, eq(events.id, registrationLinks.eventId))
      .where(eq(registrationLinks.token, token))
      .for('update', { of: registrationLinks });
    if (!row) throw new DomainError('not_found', 'registration.linkInvalid');
    const eventId = row.event.id;
    const [member] = await tx
      .select({ userId: eventMembers.userId })
      .from(eventMembers)
      .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)));
    if (member) return row.event.slug;
    if (row.link.open === 'paused') throw new DomainError('conflict', 'registration.paused');
    if (row.link.closesAt <= now) throw new DomainError('conflict', 'registration.closed');
    const [taken] = await tx
      .select({ n: count() })
      .from(memberDetails)
      .where(and(eq(memberDetails.eventId, eventId), eq(memberDetails.registeredVia, 'link')));
    if ((taken?.n ?? 0) >= row.link.capacity) throw new DomainError('conflict', 'registration.eventFull');
    await tx.insert(eventMembers).values({
      eventId,
      userId,
      role: 'participant',
      attendanceMode: input.attendanceMode,
      country: input.country,
      organisation: input.organisation,
    });
    await tx.insert(memberDetails).values({ eventId, userId, registeredVia: 'link', accessibilityNeeds: input.accessibilityNeeds });
    await tx.update(users).set({ timeZone: input.timeZone, locale: input.locale }).where(eq(users.id, userId));
    return row.event.slug;
  });
}

// ---- the participant's own profile ----

export async function loadProfile(userId: string, eventId: string) {
  const d = await db();
  const [row] = await d
    .select({
      name: users.name,
      email: users.email,
      timeZone: users.timeZone,
      locale: users.locale,
      country: eventMembers.country,
      organisation: eventMembers.organisation,
      attendanceMode: eventMembers.attendanceMode,
      role: eventMembers.role,
      accessibilityNeeds: memberDetails.accessibilityNeeds,
    })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .leftJoin(memberDetails, and(eq(memberDetails.eventId, eventMembers.eventId), eq(memberDetails.userId, eventMembers.userId)))
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)));
  if (!row) throw notFound('membership');
  return { ...row, accessibilityNeeds: row.accessibilityNeeds ?? '' };
}

/** A member changes their own details; the attendance mode and role stay as the organizer set them. */
export async function updateOwnProfile(userId: string, eventId: string, input: ProfileInput): Promise<void> {
  const d = await db();
  await d.transaction(async (tx) => {
    const changed = await tx
      .update(eventMembers)
      .set({ country: input.country, organisation: input.organisation })
      .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)))
      .returning({ userId: eventMembers.userId });
    if (changed.length === 0) throw notFound('membership');
    await tx
      .insert(memberDetails)
      .values({ eventId, userId, accessibilityNeeds: input.accessibilityNeeds })
      .onConflictDoUpdate({
        target: [memberDetails.eventId, memberDetails.userId],
        set: { accessibilityNeeds: input.accessibilityNeeds, updatedAt: new Date() },
      });
    await tx.update(users).set({ timeZone: input.timeZone, locale: input.locale }).where(eq(users.id, userId));
  });
}

/** What organizers need to know about each member to welcome them: the profile, needs included. */
export async function listProfiles(actorId: string, eventId: string) {
  await authorize(actorId, eventId, 'registration:manage');
  const d = await db();
  return d
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      timeZone: users.timeZone,
      locale: users.locale,
      country: eventMembers.country,
      organisation: eventMembers.organisation,
      attendanceMode: eventMembers.attendanceMode,
      registeredVia: memberDetails.registeredVia,
      accessibilityNeeds: memberDetails.accessibilityNeeds,
    })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .leftJoin(memberDetails, and(eq(memberDetails.eventId, eventMembers.eventId), eq(memberDetails.userId, eventMembers.userId)))
    .where(eq(eventMembers.eventId, eventId))
    .orderBy(users.name);
}
