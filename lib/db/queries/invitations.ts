import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '../client';
import { eventMembers, events, invitations, users } from '../schema';
import type { Executor } from './executor';
import type { Locale } from '../../i18n/locales';

type InvitationInsert = { eventId: string; userId: string; invitedBy: string; locale: Locale };

/**
 * One invitation per member, existing ones kept with their sent/accepted state.
 * `replaceLocale`: the language given replaces the stored one; otherwise it only
 * fills an invitation that has none.
 */
export async function upsertInvitations(tx: Executor, rows: InvitationInsert[], replaceLocale: boolean): Promise<void> {
  const target = [invitations.eventId, invitations.userId];
  if (replaceLocale) {
    await tx.insert(invitations).values(rows).onConflictDoUpdate({ target, set: { locale: sql`excluded.locale` } });
  } else {
    await tx
      .insert(invitations)
      .values(rows)
      .onConflictDoUpdate({ target, set: { locale: sql`coalesce(${invitations.locale}, excluded.locale)` } });
  }
}

/** The invitations of an event (only these members' when `userIds` is given), with what sending and listing need, by name. */
export async function invitationRows(eventId: string, userIds?: string[]) {
  const d = await db();
  return d
    .select({
      id: invitations.id,
      userId: invitations.userId,
      name: users.name,
      email: users.email,
      locale: users.locale,
      invitationLocale: invitations.locale,
      hasAccount: users.passwordHash,
      sentAt: invitations.sentAt,
      sendError: invitations.sendError,
      acceptedAt: invitations.acceptedAt,
      createdAt: invitations.createdAt,
      eventTitle: events.title,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(events, eq(events.id, invitations.eventId))
    .where(userIds ? and(eq(invitations.eventId, eventId), inArray(invitations.userId, userIds)) : eq(invitations.eventId, eventId))
    .orderBy(asc(users.name));
}

export async function markInvitationSent(id: string): Promise<void> {
  const d = await db();
  await d.update(invitations).set({ sentAt: new Date(), sendError: null }).where(eq(invitations.id, id));
}

export async function markInvitationFailed(id: string, sendError: string): Promise<void> {
  const d = await db();
  await d.update(invitations).set({ sendError }).where(eq(invitations.id, id));
}

/** An invitation with its person and event, only while the person is still a member. */
export async function findInvitation(id: string) {
  const d = await db();
  const [row] = await d
    .select({ invitation: invitations, user: users, event: events })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(events, eq(events.id, invitations.eventId))
    .innerJoin(eventMembers, and(eq(eventMembers.eventId, invitations.eventId), eq(eventMembers.userId, invitations.userId)))
    .where(eq(invitations.id, id));
  return row;
}

/** The invitee's profile language and the invitation's. */
export async function invitationLocales(id: string): Promise<{ profile: string | null; invitation: string | null } | undefined> {
  const [row] = await (await db())
    .select({ profile: users.locale, invitation: invitations.locale })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.id, id));
  return row;
}

/**
 * Sets the password of an invited person who has none yet; `locale` becomes
 * their profile language if they have none. Undefined when a password was set already.
 */
export async function claimInvitedUser(userId: string, values: { passwordHash: string; name: string }, locale?: string): Promise<{ email: string | null } | undefined> {
  const d = await db();
  const [claimed] = await d
    .update(users)
    .set({ ...values, ...(locale ? { locale: sql`coalesce(${users.locale}, ${locale})` } : {}) })
    .where(and(eq(users.id, userId), isNull(users.passwordHash)))
    .returning({ email: users.email });
  return claimed;
}

export async function markInvitationAccepted(id: string): Promise<void> {
  const d = await db();
  await d.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, id));
}

/** Accepts once: an accepted invitation keeps its first acceptance time. */
export async function markInvitationAcceptedOnce(id: string): Promise<void> {
  const d = await db();
  await d.update(invitations).set({ acceptedAt: new Date() }).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)));
}
