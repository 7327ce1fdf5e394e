import Link from 'next/link';
import { notFound } from 'next/navigation';
import { findSession } from '@/lib/db/queries/programme';
import { toLiveSession } from '@/lib/services/programme';
import { SESSION_KIND_LABELS } from '@/lib/domain/roles';
import { loadEventFor } from '../../../../_lib/event-access';
import { SessionHeader } from './SessionHeader';
import { PresencePanel } from './PresencePanel';

export default async function SessionPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}`, 'session:join');
  const found = /^[0-9a-f-]{36}$/i.test(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const session = toLiveSession(found.session);
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}`}>← {event.title}</Link>
      </p>
      <SessionHeader initial={session} eventTimeZone={event.timeZone} kindLabel={SESSION_KIND_LABELS[session.kind]} />
      <div className="session-layout">
        <section className="card" aria-labelledby="stage-heading">
          <h2 id="stage-heading" style={{ marginTop: 0 }}>
            Stage
          </h2>
          <p className="muted">
            {session.liveMode === 'webinar'
              ? 'Webinar: the stage (presenters and moderators) speaks; everyone else watches and asks questions.'
              : 'Meeting: everyone may speak.'}
          </p>
        </section>
        <PresencePanel sessionId={session.id} />
      </div>
    </div>
  );
}
