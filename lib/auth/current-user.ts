import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './options';
import { findUserById, type UserRow } from '../db/queries/users';

/** The signed-in user, re-read from the database (a deleted user is signed out). */
export async function currentUser(): Promise<UserRow | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return (await findUserById(id)) ?? null;
}

export async function requireUser(returnTo: string): Promise<UserRow> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
