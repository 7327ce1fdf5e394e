import Link from 'next/link';
import { listSessions } from '@/lib/db/queries/programme';
import { can } from '@/lib/domain/permissions';
import { ATTENDANCE_LABELS, ROLE_LABELS } from '@/lib/domain/roles';
import { toLiveSession } from '@/lib/services/programme';
import { loadEventFor } from '../../_lib/event-access';
import { Programme } from './Programme';

export default async function EventPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { event, member } = await loadEventFor(slug, `/events/${slug}`);
  const sessions = (await listSessions(event.id)).map(toLiveSession);
  return (
    <div className="stack">
      <div>
        <h1>{event.title}</h1>
        <p className="muted" style={{ margin: 0 }}>
          {event.venueName && `${event.venueName} · `}
          {event.startDate} – {event.endDate} · Event time zone {event.timeZone}
        </p>
        <div className="row" style={{ marginTop: '0.5rem' }}>
          <span className={`badge role-${member.role}`}>{ROLE_LABELS[member.role]}</span>
          <span className="badge">{ATTENDANCE_LABELS[member.attendanceMode]}</span>
          <span className="badge">
            Event code <strong>{event.joinCode}</strong>
          </span>
          {can({ role: member.role }, 'event:edit') && (
            <Link className="button secondary" href={`/events/${event.slug}/manage`}>
              Manage event
            </Link>
          )}
        </div>
      </div>
      {event.description && <p style={{ maxWidth: 760 }}>{event.description}</p>}
      <h2>Programme</h2>
      <Programme eventSlug={event.slug} eventTimeZone={event.timeZone} sessions={sessions} />
    </div>
  );
}
