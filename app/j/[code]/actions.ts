'use server';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { joinByCode } from '@/lib/services/accounts';
import { safeCallback } from '../../_lib/safe-redirect';

/** `next` (from the QR code: the session's Q&A page) is followed only if it is a same-site path. */
export async function joinEventAction(code: string, next?: string): Promise<void> {
  const user = await requireUser(`/j/${code}`);
  const slug = await joinByCode(user.id, code);
  redirect(safeCallback(next, `/events/${slug}`));
}
