import { eq } from 'drizzle-orm';
import { db } from '../client';
import { users } from '../schema';

export type UserRow = typeof users.$inferSelect;

export async function findUserById(id: string): Promise<UserRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(email: string): Promise<UserRow | undefined> {
  const d = await db();
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
