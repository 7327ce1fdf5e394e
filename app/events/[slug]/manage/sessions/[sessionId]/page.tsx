import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { findSession } from '@/lib/db/queries/programme';
import { instantToZonedLocal } from '@/lib/domain/time';
import { loadEventFor } from '../../../../../_lib/event-access';
import { AttendanceNav } from '../../../../../_attend/AttendanceNav';
import { saveSessionAction } from '../../../../actions';
import { SessionForm } from '../../SessionForm';
import { LobbySwitch } from '../../../../../_components/engage/LobbySwitch';
import { BreakoutMicSetting } from '../../../../../_components/media/BreakoutMicSetting';
import { roomSettings } from '@/lib/db/queries/media';
import { LanguageSetup } from '../../../../../_components/interpretation/LanguageSetup';
import { isUuid } from '@/lib/domain/ids';

export async function generateMetadata() {
  return { title: (await getTranslations('events.manage'))('editSessionMeta') };
}

export default async function EditSessionPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, member } = await loadEventFor(slug, `/events/${slug}/manage`, 'session:edit');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const s = found.session;
  const t = await getTranslations('events.manage');
  const settings = await roomSettings(s.id);
  return (
    <div className="card" style={{ maxWidth: 760 }}>
      <AttendanceNav slug={event.slug} role={member.role} />
      <p>
        <Link href={`/events/${event.slug}/manage`}>{t('backToManage')}</Link>
      </p>
      <h1>{t('editSession')}</h1>
      <SessionForm
        action={saveSessionAction.bind(null, { eventId: event.id, slug: event.slug, sessionId: s.id })}
        eventTimeZone={event.timeZone}
        submitLabel={t('saveSession')}
        initial={{
          title: s.title,
          description: s.description,
          startsAt: instantToZonedLocal(s.startsAt, event.timeZone),
          endsAt: instantToZonedLocal(s.endsAt, event.timeZone),
          kind: s.kind,
          liveMode: s.liveMode,
          venueRoom: s.venueRoom,
          speakers: s.speakers.join(', '),
        }}
      />
      <LobbySwitch sessionId={s.id} />
      <BreakoutMicSetting sessionId={s.id} initial={settings.breakoutMicOn} />
      <LanguageSetup sessionId={s.id} />
    </div>
  );
}
