import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findSession } from '@/lib/db/queries/programme';
import { toLiveSession } from '@/lib/services/programme';
import { loadEventFor } from '../../../../_lib/event-access';
import { SessionHeader } from './SessionHeader';
import { PresencePanel } from './PresencePanel';
import { BreakoutPanel } from './breakouts/BreakoutPanel';
import { LiveSection } from './media/LiveSection';
import { ChatPanel } from './media/ChatPanel';
import { QaPanel } from '../../../../_components/qa/QaPanel';

export async function generateMetadata({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}`, 'session:join');
  const found = /^[0-9a-f-]{36}$/i.test(sessionId) ? await findSession(sessionId) : undefined;
  return { title: found && found.event.id === event.id ? found.session.title : event.title };
}

export default async function SessionPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, member, user } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}`, 'session:join');
  const found = /^[0-9a-f-]{36}$/i.test(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const session = toLiveSession(found.session);
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}`}>← {event.title}</Link>
      </p>
      <SessionHeader initial={session} eventTimeZone={event.timeZone} kindLabel={(await getTranslations('domain'))(`sessionKinds.${session.kind}`)} />
      <BreakoutPanel sessionId={session.id} />
      <div className="session-layout">
        <LiveSection eventSlug={event.slug} sessionId={session.id} liveMode={session.liveMode} role={member.role} user={user} />
        <div className="stack">
          <PresencePanel sessionId={session.id} />
          <QaPanel slug={event.slug} sessionId={session.id} role={member.role} />
          <ChatPanel sessionId={session.id} />
        </div>
      </div>
    </div>
  );
}
