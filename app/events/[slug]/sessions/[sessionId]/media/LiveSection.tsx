import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { livePerson } from '@/lib/db/queries/media';
import { can } from '@/lib/domain/permissions';
import { listensFirst } from '@/lib/domain/media-policy';
import { findUserById } from '@/lib/db/queries/users';
import type { AttendanceMode, LiveMode, Role } from '@/lib/domain/roles';
import { StageSection } from './StageSection';

interface Props {
  eventSlug: string;
  sessionId: string;
  liveMode: LiveMode;
  role: Role;
  /** The caller's, from the standing the page was authorized with. */
  attendanceMode: AttendanceMode;
  user: { id: string; name: string };
}

/** The live stage card of the session page. The pre-join hint comes from the database; the SFU re-checks everything. */
export async function LiveSection({ eventSlug, sessionId, liveMode, role, attendanceMode, user }: Props) {
  const t = await getTranslations('media');
  const person = await livePerson(sessionId, user.id);
  const mayPublish = liveMode === 'meeting' || can({ role }, 'media:publish-stage') || person.onStage;
  // A phone in the hall listens first (issue 10.5): decided from the membership, never from the browser.
  const self = await findUserById(user.id);
  const listenFirst = self !== undefined && listensFirst({ role, attendanceMode, isGuest: self.isGuest });
  return (
    <section className="card stage-card" aria-labelledby="stage-heading">
      <div className="row stage-intro" style={{ justifyContent: 'space-between' }}>
        <h2 id="stage-heading" style={{ margin: 0 }}>
          {t('stageTitle')}
        </h2>
        {can({ role }, 'media:hall-device') && (
          <Link href={`/events/${eventSlug}/sessions/${sessionId}/hall`} className="button secondary">
            {t('openHallMode')}
          </Link>
        )}
      </div>
      <p className="muted stage-intro">{liveMode === 'webinar' ? t('webinarExplain') : t('meetingExplain')}</p>
      {person.removed ? (
        <p className="alert error" role="alert">
          {t('removedByModerator')}
        </p>
      ) : (
        <StageSection sessionId={sessionId} selfName={user.name} liveMode={liveMode} mayPublish={mayPublish} hall={false} listenFirst={listenFirst} />
      )}
    </section>
  );
}
