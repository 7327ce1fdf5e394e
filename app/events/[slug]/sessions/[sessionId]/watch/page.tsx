import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findSession } from '@/lib/db/queries/programme';
import { loadEventFor } from '../../../../../_lib/event-access';
import { AttendanceNav } from '../../../../../_attend/AttendanceNav';
import { WatchPlayer } from '../../../../../_components/recording/WatchPlayer';
import { RecordingStatus } from '../../../../../_components/recording/RecordingStatus';
import { ReactionBar } from '../../../../../_components/engage/ReactionBar';
import { ReactionOverlay } from '../../../../../_components/engage/ReactionOverlay';
import { QaPanel } from '../../../../../_components/qa/QaPanel';
import { PollPanel } from '../../../../../_components/polls/PollPanel';
import { WatchAudience } from '../../../../../_components/watch/WatchAudience';
import { isUuid } from '@/lib/domain/ids';

/**
 * The watch-only page: the session's HLS stream (past one machine's SFU capacity; segments can be
 * served by any CDN), with Q&A, reactions, polls and a raised hand over Socket.IO as in the room; a
 * moderator can invite the viewer from here into the call.
 */
export default async function WatchPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, member } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}/watch`, 'session:join');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const t = await getTranslations('recording.watch');
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p>
        <Link href={`/events/${event.slug}/sessions/${sessionId}`}>← {t('back')}</Link>
      </p>
      <h1>{t('title', { title: found.session.title })}</h1>
      <RecordingStatus sessionId={sessionId} />
      {/* As on a live-stream page: the picture stays in view and questions and polls run beside it on a
          laptop (their own scrolling column), below it on a phone. */}
      <div className="watch-layout">
        <div className="stack">
          <WatchPlayer sessionId={sessionId} />
          <WatchAudience sessionId={sessionId} sessionHref={`/events/${event.slug}/sessions/${sessionId}`} />
          <ReactionBar sessionId={sessionId} />
        </div>
        <aside className="watch-side stack" aria-label={t('side')}>
          <QaPanel slug={event.slug} sessionId={sessionId} role={member.role} />
          <PollPanel slug={event.slug} sessionId={sessionId} role={member.role} />
        </aside>
      </div>
      <ReactionOverlay sessionId={sessionId} />
    </div>
  );
}
