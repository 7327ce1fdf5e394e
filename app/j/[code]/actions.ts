'use server';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { joinByCode } from '@/lib/services/accounts';
import { findEventBySlug } from '@/lib/db/queries/programme';
import { landingAfterJoin } from '@/lib/services/programme';
import { safeCallback } from '../../_lib/safe-redirect';

/** `next` (from the QR code: the session's Q&A page) is followed only if it is a same-site path; without it, a live session's phone Q&A. */
export async function joinEventAction(code: string, next?: string): Promise<void> {
  const user = await requireUser(`/j/${code}`);
  const slug = await joinByCode(user.id, code);
  const event = await findEventBySlug(slug);
  redirect(safeCallback(next, event ? await landingAfterJoin(event) : `/events/${slug}`));
}
