'use server';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { joinByCode } from '@/lib/services/accounts';

export async function joinEventAction(code: string): Promise<void> {
  const user = await requireUser(`/j/${code}`);
  const slug = await joinByCode(user.id, code);
  redirect(`/events/${slug}`);
}
