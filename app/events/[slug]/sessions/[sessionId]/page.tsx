import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findSession } from '@/lib/db/queries/programme';
import { toLiveSession } from '@/lib/services/programme';
import { lobbyLetsIn } from '@/lib/services/lobby-standing';
import { loadEventFor } from '../../../../_lib/event-access';
import { AttendanceNav } from '../../../../_attend/AttendanceNav';
import { SessionHeader } from './SessionHeader';
import { PresencePanel } from './PresencePanel';
import { BreakoutPanel } from './breakouts/BreakoutPanel';
import { LiveSection } from './media/LiveSection';
import { ChatPanel } from './media/ChatPanel';
import { SessionShell } from './media/SessionShell';
import { QaPanel } from '../../../../_components/qa/QaPanel';
import { PollPanel } from '../../../../_components/polls/PollPanel';
import { LobbyGate } from '../../../../_components/engage/LobbyGate';
import { CallEngagementBar, SessionEngagement } from '../../../../_components/engage/SessionEngagement';
import { ReactionOverlay } from '../../../../_components/engage/ReactionOverlay';
import { RecordingStatus } from '../../../../_components/recording/RecordingStatus';
import { RecordingList } from '../../../../_components/recording/RecordingList';
import { StreamPanel } from '../../../../_components/recording/StreamPanel';
import { WatchLink } from '../../../../_components/recording/WatchPlayer';
import { WatcherPanel } from '../../../../_components/watch/WatcherPanel';
import { interpretersOf, isCaptioner } from '@/lib/db/queries/interpretation';
import { isUuid } from '@/lib/domain/ids';

export async function generateMetadata({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}`, 'session:join');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  return { title: found && found.event.id === event.id ? found.session.title : event.title };
}

export default async function SessionPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, member, user } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}`, 'session:join');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const session = toLiveSession(found.session);
  const lettingIn = await lobbyLetsIn(session.id, user.id, member.role);
  const interprets = (await interpretersOf(session.id)).some((i) => i.userId === user.id);
  const captions = await isCaptioner(session.id, user.id);
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}`}>← {event.title}</Link>
      </p>
      <SessionHeader initial={session} eventTimeZone={event.timeZone} kindLabel={(await getTranslations('domain'))(`sessionKinds.${session.kind}`)} />
      {(interprets || captions) && (
        <p className="row" style={{ margin: 0 }}>
          {interprets && <Link href={`/events/${event.slug}/sessions/${session.id}/interpret`}>{(await getTranslations('language'))('openConsole')}</Link>}
          {captions && <Link href={`/events/${event.slug}/sessions/${session.id}/captions`}>{(await getTranslations('language'))('openCaptionConsole')}</Link>}
        </p>
      )}
      {/* The stage comes first for everyone; in the call the panels open at its side, one at a time. The lobby,
          when a moderator turns it on, keeps people who are not staff out of all of it until admitted. */}
      <LobbyGate sessionId={session.id} lettingIn={lettingIn}>
        <RecordingStatus sessionId={session.id} />
        <WatchLink sessionId={session.id} href={`/events/${event.slug}/sessions/${session.id}/watch`} />
        <SessionShell
          stage={<LiveSection eventSlug={event.slug} sessionId={session.id} liveMode={session.liveMode} role={member.role} attendanceMode={member.attendanceMode} user={user} />}
          bar={
            <>
              <CallEngagementBar sessionId={session.id} />
              <RecordingStatus sessionId={session.id} inCallBar />
            </>
          }
          panels={[
            {
              id: 'people',
              node: (
                <>
                  <SessionEngagement sessionId={session.id} />
                  <PresencePanel sessionId={session.id} />
                  <WatcherPanel sessionId={session.id} />
                </>
              ),
            },
            { id: 'chat', node: <ChatPanel sessionId={session.id} /> },
            { id: 'qa', node: <QaPanel slug={event.slug} sessionId={session.id} role={member.role} /> },
            { id: 'polls', node: <PollPanel slug={event.slug} sessionId={session.id} role={member.role} /> },
            { id: 'breakouts', node: <BreakoutPanel sessionId={session.id} /> },
          ]}
        />
        <ReactionOverlay sessionId={session.id} />
        <RecordingList sessionId={session.id} />
        <StreamPanel sessionId={session.id} />
      </LobbyGate>
    </div>
  );
}
