import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../client';
import { eventMembers, memberDetails, users } from '../schema';
import type { AttendanceMode, Role } from '../../domain/roles';
import type { Executor } from './executor';

// Membership writes and rosters. The single-member read (findMembership) and listMembers
// are in ./programme beside events and sessions; the caller's standing is ./actor's findActor.

type MemberInsert = typeof eventMembers.$inferInsert;
export type RegisteredVia = (typeof memberDetails.$inferInsert)['registeredVia'];

/** The user with this (normalized) email, created with `name` when there is none: their id. */
export async function userIdForEmail(tx: Executor, name: string, email: string): Promise<string> {
  const [user] = await tx
    .insert(users)
    .values({ name, email })
    .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
    .returning({ id: users.id });
  return user!.id;
}

/** A member's role and attendance mode, read inside the caller's transaction. */
export async function memberRoleAndMode(tx: Executor, eventId: string, userId: string) {
  const [row] = await tx
    .select({ userId: eventMembers.userId, role: eventMembers.role, attendanceMode: eventMembers.attendanceMode })
    .from(eventMembers)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)));
  return row;
}

/** Adds a member or overwrites their role, mode, country and organisation. */
export async function upsertMemberRow(tx: Executor, eventId: string, userId: string, values: Pick<MemberInsert, 'role' | 'attendanceMode' | 'country' | 'organisation'>): Promise<void> {
  await tx
    .insert(eventMembers)
    .values({ eventId, userId, ...values })
    .onConflictDoUpdate({ target: [eventMembers.eventId, eventMembers.userId], set: values });
}

/** Records how a new member arrived; an existing record is kept. */
export async function recordArrival(tx: Executor, eventId: string, userId: string, registeredVia: RegisteredVia): Promise<void> {
  await tx.insert(memberDetails).values({ eventId, userId, registeredVia }).onConflictDoNothing();
}

/** Adds a member (fails if they are one already). */
export async function insertMember(ex: Executor, values: MemberInsert): Promise<void> {
  await ex.insert(eventMembers).values(values);
}

/** Adds a member unless they are one already (whose role and mode are then kept). */
export async function insertMemberIfAbsent(values: MemberInsert): Promise<void> {
  const d = await db();
  await d.insert(eventMembers).values(values).onConflictDoNothing();
}

export async function organizerIds(tx: Executor, eventId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: eventMembers.userId })
    .from(eventMembers)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.role, 'organizer')));
  return rows.map((r) => r.userId);
}

export async function organizerEmails(eventId: string): Promise<Array<string | null>> {
  const d = await db();
  const rows = await d
    .select({ email: users.email })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.role, 'organizer')));
  return rows.map((o) => o.email);
}

export async function setRoleAndMode(tx: Executor, eventId: string, userId: string, values: { role: Role; attendanceMode: AttendanceMode }): Promise<void> {
  await tx
    .update(eventMembers)
    .set(values)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)));
}

/** Removes a member; false when they were not one. */
export async function deleteMember(tx: Executor, eventId: string, userId: string): Promise<boolean> {
  const removed = await tx
    .delete(eventMembers)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)))
    .returning({ userId: eventMembers.userId });
  return removed.length > 0;
}

/** The in-person members with what a badge prints, by name. */
export async function inPersonRoster(eventId: string) {
  const d = await db();
  return d
    .select({ userId: users.id, name: users.name, country: eventMembers.country, organisation: eventMembers.organisation })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.attendanceMode, 'in_person')))
    .orderBy(asc(users.name));
}

/** How many people registered through the event's open link (what its capacity counts); `ex`: inside the caller's transaction. */
export async function registeredThroughLink(eventId: string, ex?: Executor): Promise<number> {
  const d = ex ?? (await db());
  const [row] = await d
    .select({ n: count() })
    .from(memberDetails)
    .where(and(eq(memberDetails.eventId, eventId), eq(memberDetails.registeredVia, 'link')));
  return row?.n ?? 0;
}

export async function insertMemberDetails(tx: Executor, values: { eventId: string; userId: string; registeredVia: RegisteredVia; accessibilityNeeds: string }): Promise<void> {
  await tx.insert(memberDetails).values(values);
}

/** A member's own profile: their account's and their membership's details. */
export async function memberProfile(eventId: string, userId: string) {
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
  return row;
}

/** Changes a member's country and organisation; false when they are not a member. */
export async function setCountryAndOrganisation(tx: Executor, eventId: string, userId: string, values: Pick<MemberInsert, 'country' | 'organisation'>): Promise<boolean> {
  const changed = await tx
    .update(eventMembers)
    .set(values)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)))
    .returning({ userId: eventMembers.userId });
  return changed.length > 0;
}

export async function saveAccessibilityNeeds(tx: Executor, eventId: string, userId: string, accessibilityNeeds: string): Promise<void> {
  await tx
    .insert(memberDetails)
    .values({ eventId, userId, accessibilityNeeds })
    .onConflictDoUpdate({
      target: [memberDetails.eventId, memberDetails.userId],
      set: { accessibilityNeeds, updatedAt: new Date() },
    });
}

/** Every member's profile, what organizers need to welcome them, by name. */
export async function memberProfiles(eventId: string) {
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

/**
 * The event's roster: every member with what the check-in desk and the
 * attendance report show, by name. (listMembers in ./programme is the People
 * page's, with account facts.)
 */
export async function eventRoster(eventId: string) {
  const d = await db();
  return d
    .select({
      userId: eventMembers.userId,
      name: users.name,
      email: users.email,
      country: eventMembers.country,
      organisation: eventMembers.organisation,
      role: eventMembers.role,
      attendanceMode: eventMembers.attendanceMode,
    })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(eq(eventMembers.eventId, eventId))
    .orderBy(asc(users.name));
}

/** Which of these people are members of the event (read inside the caller's transaction). */
export async function membersAmong(tx: Executor, eventId: string, userIds: string[]): Promise<string[]> {
  const rows = await tx
    .select({ userId: eventMembers.userId })
    .from(eventMembers)
    .where(and(eq(eventMembers.eventId, eventId), inArray(eventMembers.userId, userIds)));
  return rows.map((r) => r.userId);
}
