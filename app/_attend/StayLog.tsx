import { getTranslations } from 'next-intl/server';
import type { HallProof, OnlineStay } from '@/lib/services/attendance-detail';
import { ZonedTime } from './ZonedTime';

/** Each online stay of one person in one session: where, joined – left (or still connected). */
export async function OnlineStays({ stays, eventZone, viewerZone }: { stays: OnlineStay[]; eventZone: string; viewerZone: string | null }) {
  const t = await getTranslations('attendance.detail');
  if (stays.length === 0) return <span className="muted">{t('none')}</span>;
  return (
    <ul className="attend-log">
      {stays.map((s) => (
        <li key={`${s.place}:${s.room ?? ''}:${s.joinedAt.toISOString()}`} data-testid="online-stay">
          <span className="muted">{s.place === 'main' ? t('mainRoom') : t('breakoutRoom', { room: s.room ?? '' })}</span>{' '}
          <ZonedTime iso={s.joinedAt.toISOString()} eventZone={eventZone} viewerZone={viewerZone} clock /> –{' '}
          {s.leftAt ? (
            <ZonedTime iso={s.leftAt.toISOString()} eventZone={eventZone} viewerZone={viewerZone} clock />
          ) : (
            <strong>{t('stillConnected')}</strong>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What put the person in the hall for the session: the day's check-in or the room-door scans. */
export async function HallProofs({ proofs, eventZone, viewerZone }: { proofs: HallProof[]; eventZone: string; viewerZone: string | null }) {
  const t = await getTranslations('attendance.detail');
  if (proofs.length === 0) return <span className="muted">{t('none')}</span>;
  return (
    <ul className="attend-log">
      {proofs.map((p) => (
        <li key={`${p.kind}:${p.at.toISOString()}`} data-testid="hall-proof">
          <span className="muted">{p.kind === 'checkin' ? t('checkedIn') : t('roomDoor', { room: p.room ?? '' })}</span>{' '}
          <ZonedTime iso={p.at.toISOString()} eventZone={eventZone} viewerZone={viewerZone} clock />
        </li>
      ))}
    </ul>
  );
}
