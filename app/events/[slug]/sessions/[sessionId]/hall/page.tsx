import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findSession } from '@/lib/db/queries/programme';
import { loadEventFor } from '../../../../../_lib/event-access';
import { StageSection } from '../media/StageSection';
import { isUuid } from '@/lib/domain/ids';

/**
 * The hall device: the venue laptop on the projector, with the room camera and
 * microphone. It publishes the hall to the people online and shows the remote
 * speakers and screen shares full-screen.
 */
export async function generateMetadata({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}/hall`, 'media:hall-device');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  const t = await getTranslations('media');
  return { title: t('hallPageTitle', { title: found && found.event.id === event.id ? found.session.title : event.title }) };
}

export default async function HallDevicePage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, user } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}/hall`, 'media:hall-device');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const t = await getTranslations('media');
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}/sessions/${sessionId}`}>← {found.session.title}</Link>
      </p>
      <h1 style={{ margin: 0 }}>{t('hallPageTitle', { title: found.session.title })}</h1>
      <section className="card">
        <StageSection sessionId={sessionId} selfName={user.name} liveMode={found.session.liveMode} mayPublish hall />
      </section>
    </div>
  );
}
