import { notFound } from 'next/navigation';
import { findSession } from '@/lib/db/queries/programme';
import type { Action } from '@/lib/domain/permissions';
import { loadEventFor } from '../../_lib/event-access';
import { isUuid } from '@/lib/domain/ids';

/** A Q&A page's event, session and viewer; non-members and roles without `action` get a 404. */
export async function loadQaSession(slug: string, sessionId: string, path: string, action: Action) {
  const { user, event, member } = await loadEventFor(slug, path, action);
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  return { user, event, member, session: found.session };
}
