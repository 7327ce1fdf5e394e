import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { livePerson } from '@/lib/db/queries/media';
import { can } from '@/lib/domain/permissions';
import { listensFirst } from '@/lib/domain/media-policy';
import { findUserById } from '@/lib/db/queries/users';
import type { AttendanceMode, LiveMode, Role } from '@/lib/domain/roles';
import { StageSection } from './StageSection';
import { PREJOIN_CONFIG_ID, PREJOIN_SLOT_ID, prejoinConfigJson, type PrejoinConfig } from '@/app/_lib/boot/prejoin-config';
import type { DeviceProblem } from '@/app/_lib/media/devices';
import { routerCapabilities } from '@/lib/services/router-capabilities';

const PROBLEMS: DeviceProblem[] = ['denied', 'missing', 'busy', 'other'];

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
        <>
          {!listenFirst && (
            <>
              {/* The device check the call's boot script draws before Next.js runs (issue 10.8): its data, and an
                  element whose content React leaves alone (no children of its own to hydrate). */}
              <script type="application/json" id={PREJOIN_CONFIG_ID} dangerouslySetInnerHTML={{ __html: prejoinConfigJson(prejoinConfig(t, sessionId, mayPublish)) }} />
              <div id={PREJOIN_SLOT_ID} dangerouslySetInnerHTML={{ __html: '' }} />
            </>
          )}
          <StageSection sessionId={sessionId} selfName={user.name} liveMode={liveMode} mayPublish={mayPublish} hall={false} listenFirst={listenFirst} />
        </>
      )}
    </section>
  );
}

function prejoinConfig(t: Awaited<ReturnType<typeof getTranslations<'media'>>>, sessionId: string, mayPublish: boolean): PrejoinConfig {
  const problems = {} as PrejoinConfig['text']['problems'];
  for (const device of ['camera', 'microphone'] as const) {
    for (const problem of PROBLEMS) problems[`${device}:${problem}`] = t(`deviceProblem.${problem}`, { device: t(`device.${device}`) });
  }
  return {
    sessionId,
    mayPublish,
    routerRtpCapabilities: routerCapabilities(),
    text: {
      title: t('prejoinTitle'),
      explain: mayPublish ? t('prejoinExplain') : t('watchOnlyExplain'),
      cameraPreview: t('cameraPreview'),
      cameraOffPreview: t('cameraOffPreview'),
      joinWithCamera: t('joinWithCamera'),
      cameraDevice: t('cameraDevice'),
      joinWithMicrophone: t('joinWithMicrophone'),
      microphoneDevice: t('microphoneDevice'),
      defaultDevice: t('defaultDevice'),
      deviceN: t.raw('deviceN') as string,
      micLevel: t('micLevel'),
      listenOnly: t('listenOnly'),
      listenOnlyHint: t('listenOnlyHint'),
      skipCheckNextTime: t('skipCheckNextTime'),
      join: t('join'),
      preparingDevices: t('preparingDevices'),
      joining: t('statusJoining'),
      problems,
    },
  };
}
