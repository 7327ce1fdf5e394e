import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { findEventBySlug } from '@/lib/db/queries/programme';
import type { Action } from '@/lib/domain/permissions';
import { allowedActor } from '@/lib/services/authorize';

/** Loads an event page's event and the viewer's standing there; non-members get a 404, not a hint the event exists. */
export async function loadEventFor(slug: string, path: string, action: Action = 'event:view') {
  const user = await requireUser(path);
  const event = await findEventBySlug(slug);
  if (!event) notFound();
  const member = await allowedActor(user.id, event.id, action);
  if (!member) notFound();
  return { user, event, member };
}
