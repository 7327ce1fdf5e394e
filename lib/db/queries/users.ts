import { and, eq } from 'drizzle-orm';
import { db } from '../client';
import { accounts, users } from '../schema';
import type { Executor } from './executor';

export type UserRow = typeof users.$inferSelect;
type UserInsert = typeof users.$inferInsert;

export async function findUserById(id: string): Promise<UserRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(users).where(eq(users.id, id));
  return row;
}

/** `ex`: read inside the caller's transaction. */
export async function findUserByEmail(email: string, ex?: Executor): Promise<UserRow | undefined> {
  const d = ex ?? (await db());
  const [row] = await d
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row;
}

/** Emails are stored lower-cased so lookups can use the unique index. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function insertUser(ex: Executor, values: UserInsert): Promise<UserRow> {
  const [row] = await ex.insert(users).values(values).returning();
  return row!;
}

/** A new account; undefined when the email is taken (by a concurrent sign-up). */
export async function insertUserUnlessEmailTaken(values: UserInsert): Promise<UserRow | undefined> {
  const d = await db();
  const [row] = await d.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning();
  return row;
}

export async function updateUser(id: string, values: Partial<UserInsert>): Promise<UserRow | undefined> {
  const d = await db();
  const [row] = await d.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

/** A person's own time zone and language, set inside the caller's transaction. */
export async function setTimeZoneAndLocale(tx: Executor, id: string, values: { timeZone: string; locale: string }): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, id));
}

/** The user an OAuth/OIDC identity is linked to, if it is. */
export async function findUserByAccount(provider: string, providerAccountId: string): Promise<UserRow | undefined> {
  const d = await db();
  const [linked] = await d
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
  return linked?.user;
}

export async function linkAccount(tx: Executor, values: typeof accounts.$inferInsert): Promise<void> {
  await tx.insert(accounts).values(values);
}
