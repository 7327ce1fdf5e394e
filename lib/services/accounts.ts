import { db } from '../db/client';
import {
  findUserByAccount,
  findUserByEmail,
  insertUser,
  insertUserUnlessEmailTaken,
  linkAccount,
  normalizeEmail,
  updateUser,
  type UserRow,
} from '../db/queries/users';
import { insertMember, insertMemberIfAbsent } from '../db/queries/members';
import { findEventByCode } from '../db/queries/programme';
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
  const existing = await findUserByEmail(email);
  if (existing?.passwordHash) throw new DomainError('conflict', 'registration.accountExists');
  if (existing) {
    const row = await updateUser(existing.id, { passwordHash, name: input.name });
    return toSessionUser(row!);
  }
  const row = await insertUserUnlessEmailTaken({ name: input.name, email, passwordHash });
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
  // The code is already trimmed and upper-cased by JoinCodeSchema; the lookup does the same again.
  const event = await findEventByCode(input.code);
  if (!event) throw new DomainError('not_found', 'registration.noEventWithCodeInHall');
  const d = await db();
  return d.transaction(async (tx) => {
    const user = await insertUser(tx, { name: input.name, isGuest: true });
    await insertMember(tx, { eventId: event.id, userId: user.id, role: 'participant', attendanceMode: 'in_person' });
    return { ...toSessionUser(user), eventSlug: event.slug };
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
  const linked = await findUserByAccount(input.provider, input.providerAccountId);
  if (linked) return toSessionUser(linked);
  const d = await db();
  return d.transaction(async (tx) => {
    const email = input.email ? normalizeEmail(input.email) : null;
    let user = email ? await findUserByEmail(email, tx) : undefined;
    user ??= await insertUser(tx, { name: input.name ?? email ?? 'Balai user', email, image: input.image, emailVerified: email ? new Date() : null });
    await linkAccount(tx, { userId: user.id, type: input.type, provider: input.provider, providerAccountId: input.providerAccountId });
    return toSessionUser(user);
  });
}

/** A signed-in person opening the hall's code joins as an in-person participant (existing roles are kept). */
export async function joinByCode(userId: string, code: string): Promise<string> {
  const event = await findEventByCode(code);
  if (!event) throw new DomainError('not_found', 'registration.noEventWithCode');
  await insertMemberIfAbsent({ eventId: event.id, userId, role: 'participant', attendanceMode: 'in_person' });
  return event.slug;
}
