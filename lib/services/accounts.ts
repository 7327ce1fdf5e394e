import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { accounts, eventMembers, events, users } from '../db/schema';
import { findUserByEmail, normalizeEmail, type UserRow } from '../db/queries/users';
import { hashPassword, verifyPassword } from '../auth/password';
import { DomainError } from '../errors';
import type { GuestJoin, SignUp } from '../contracts/auth';

export interface SessionUser {
  id: string;
  name: string;
  email: string | null;
}

const toSessionUser = (u: UserRow): SessionUser => ({ id: u.id, name: u.name, email: u.email });

/**
 * Creates an account, or claims the row an organizer made when inviting this
 * email (it has no password yet), so invitations and roles are kept.
 */
export async function signUp(input: SignUp): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const d = await db();
  const existing = await findUserByEmail(email);
  if (existing?.passwordHash) throw new DomainError('conflict', 'registration.accountExists');
  if (existing) {
    const [row] = await d.update(users).set({ passwordHash, name: input.name }).where(eq(users.id, existing.id)).returning();
    return toSessionUser(row!);
  }
  const [row] = await d
    .insert(users)
    .values({ name: input.name, email, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw new DomainError('conflict', 'registration.accountExists');
  return toSessionUser(row);
}

export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await findUserByEmail(email);
  if (!user?.passwordHash) return null;
  return (await verifyPassword(password, user.passwordHash)) ? toSessionUser(user) : null;
}

/** A person in the hall opening the event on a phone: a guest participant, in person. */
export async function joinAsGuest(input: GuestJoin): Promise<SessionUser & { eventSlug: string }> {
  const d = await db();
  const [event] = await d.select().from(events).where(eq(events.joinCode, input.code));
  if (!event) throw new DomainError('not_found', 'registration.noEventWithCodeInHall');
  return d.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ name: input.name, isGuest: true }).returning();
    await tx.insert(eventMembers).values({ eventId: event.id, userId: user!.id, role: 'participant', attendanceMode: 'in_person' });
    return { ...toSessionUser(user!), eventSlug: event.slug };
  });
}

/** Links an OAuth/OIDC identity to a user, matching an existing user by verified email. */
export async function upsertOAuthUser(input: {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null;
  name: string | null;
  image: string | null;
}): Promise<SessionUser> {
  const d = await db();
  const [linked] = await d
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, input.provider), eq(accounts.providerAccountId, input.providerAccountId)));
  if (linked) return toSessionUser(linked.user);
  return d.transaction(async (tx) => {
    const email = input.email ? normalizeEmail(input.email) : null;
    let [user] = email ? await tx.select().from(users).where(eq(users.email, email)) : [];
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ name: input.name ?? email ?? 'Balai user', email, image: input.image, emailVerified: email ? new Date() : null })
        .returning();
    }
    await tx.insert(accounts).values({ userId: user!.id, type: input.type, provider: input.provider, providerAccountId: input.providerAccountId });
    return toSessionUser(user!);
  });
}

/** A signed-in person opening the hall's code joins as an in-person participant (existing roles are kept). */
export async function joinByCode(userId: string, code: string): Promise<string> {
  const d = await db();
  const [event] = await d.select().from(events).where(eq(events.joinCode, code.trim().toUpperCase()));
  if (!event) throw new DomainError('not_found', 'registration.noEventWithCode');
  await d.insert(eventMembers).values({ eventId: event.id, userId, role: 'participant', attendanceMode: 'in_person' }).onConflictDoNothing();
  return event.slug;
}
