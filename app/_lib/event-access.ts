import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { findEventBySlug, findMembership } from '@/lib/db/queries/programme';
import { can, type Action } from '@/lib/domain/permissions';

/** Loads an event page's event and the viewer's membership; non-members get a 404, not a hint the event exists. */
export async function loadEventFor(slug: string, path: string, action: Action = 'event:view') {
  const user = await requireUser(path);
  const event = await findEventBySlug(slug);
  if (!event) notFound();
  const member = await findMembership(event.id, user.id);
  if (!member || !can({ role: member.role }, action)) notFound();
  return { user, event, member };
}
