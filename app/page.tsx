import Link from 'next/link';
import { currentUser } from '@/lib/auth/current-user';
import { listEventsForUser } from '@/lib/db/queries/programme';
import { ROLE_LABELS, ATTENDANCE_LABELS } from '@/lib/domain/roles';

export default async function HomePage() {
  const user = await currentUser();
  if (!user) {
    return (
      <div className="stack" style={{ maxWidth: 720 }}>
        <h1>Balai: one hall, in the room and online</h1>
        <p>
          Balai runs hybrid programmes where the people in the venue and the people online take part as equals: live sessions,
          moderated Q&amp;A from phones and laptops, breakout groups, and the programme around them.
        </p>
        <div className="row">
          <Link className="button" href="/signin">
            Sign in
          </Link>
          <Link className="button secondary" href="/join">
            Join with an event code
          </Link>
          <Link className="button secondary" href="/signup">
            Create an account
          </Link>
        </div>
      </div>
    );
  }
  const mine = await listEventsForUser(user.id);
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>My events</h1>
        <div className="row">
          <Link className="button secondary" href="/join">
            Join with code
          </Link>
          {!user.isGuest && (
            <Link className="button" href="/events/new">
              New event
            </Link>
          )}
        </div>
      </div>
      {mine.length === 0 ? (
        <p className="card">You are not part of any event yet. Ask an organizer to invite you, or join with the code shown in the hall.</p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0 }} aria-label="My events">
          {mine.map(({ event, role, attendanceMode }) => (
            <li key={event.id} className="card">
              <h2 style={{ margin: 0 }}>
                <Link href={`/events/${event.slug}`}>{event.title}</Link>
              </h2>
              <p className="muted" style={{ margin: '0.25rem 0' }}>
                {event.startDate} – {event.endDate} · {event.venueName || 'Online'} · {event.timeZone}
              </p>
              <div className="row">
                <span className={`badge role-${role}`}>{ROLE_LABELS[role]}</span>
                <span className="badge">{ATTENDANCE_LABELS[attendanceMode]}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
