'use server';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { acceptAsUser } from '@/lib/services/invitations';

// Accepting with a new password is app/_lib/auth-actions.ts (acceptInvitationAction), throttled with the other ways in.

export async function acceptAsUserAction(token: string): Promise<void> {
  const user = await requireUser(`/invite/${token}`);
  const slug = await acceptAsUser(token, user.id);
  redirect(`/events/${slug}`);
}
