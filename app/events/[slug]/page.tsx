import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatDayRange } from '@/lib/i18n/format';
import { listSessions } from '@/lib/db/queries/programme';
import { can } from '@/lib/domain/permissions';
import { toLiveSession } from '@/lib/services/programme';
import { loadEventFor } from '../../_lib/event-access';
import { Programme } from './Programme';
import { AttendanceNav } from '../../_attend/AttendanceNav';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // Members only, as for the page: a title must not confirm that an event exists.
  const { event } = await loadEventFor(slug, `/events/${slug}`);
  return { title: event.title };
}

export default async function EventPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { event, member } = await loadEventFor(slug, `/events/${slug}`);
  const [rows, t, tr, locale] = await Promise.all([
    listSessions(event.id),
    getTranslations('events.page'),
    getTranslations('domain'),
    getLocale(),
  ]);
  const sessions = rows.map(toLiveSession);
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} current="programme" />
      <div>
        <h1>{event.title}</h1>
        <p className="muted" style={{ margin: 0 }}>
          {event.venueName && `${event.venueName} · `}
          {formatDayRange(event.startDate, event.endDate, locale)} · {t('eventTimeZone', { zone: event.timeZone })}
        </p>
        <div className="row" style={{ marginTop: '0.5rem' }}>
          <span className={`badge role-${member.role}`}>{tr(`roles.${member.role}`)}</span>
          <span className="badge">{tr(`attendance.${member.attendanceMode}`)}</span>
          <span className="badge">
            {t('eventCode')} <strong>{event.joinCode}</strong>
          </span>
          {can({ role: member.role }, 'event:edit') && (
            <Link className="button secondary" href={`/events/${event.slug}/manage`}>
              {t('manage')}
            </Link>
          )}
          <Link className="button secondary" href={`/events/${event.slug}/plans`}>
            {t('actionPlans')}
          </Link>
        </div>
      </div>
      {event.description && <p style={{ maxWidth: 760 }}>{event.description}</p>}
      <h2>{t('programme')}</h2>
      <Programme eventSlug={event.slug} eventTimeZone={event.timeZone} sessions={sessions} />
    </div>
  );
}
