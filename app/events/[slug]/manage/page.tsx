import Link from 'next/link';
import { listMembers, listSessions } from '@/lib/db/queries/programme';
import { countryName } from '@/lib/domain/countries';
import { formatDay, formatTime, zonedDay } from '@/lib/domain/time';
import { loadEventFor } from '../../../_lib/event-access';
import {
  changeMemberAction,
  deleteSessionAction,
  importMembersAction,
  inviteMemberAction,
  saveSessionAction,
  updateEventAction,
} from '../../actions';
import { EventForm } from '../../EventForm';
import { ImportForm, InviteForm, MemberRoleForm } from './MemberForms';
import { SessionForm } from './SessionForm';

export const metadata = { title: 'Manage event' };

export default async function ManageEventPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { event } = await loadEventFor(slug, `/events/${slug}/manage`, 'event:edit');
  const [sessions, members] = await Promise.all([listSessions(event.id), listMembers(event.id)]);
  const ids = { eventId: event.id, slug: event.slug };
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}`}>← Back to the programme</Link>
      </p>
      <h1>Manage: {event.title}</h1>
      <p>
        Event code for the hall: <strong style={{ fontSize: '1.2rem', letterSpacing: '0.1em' }}>{event.joinCode}</strong>
      </p>

      <section className="card" aria-labelledby="event-heading">
        <h2 id="event-heading" style={{ marginTop: 0 }}>
          Event details
        </h2>
        <EventForm action={updateEventAction.bind(null, event.id, event.slug)} initial={event} submitLabel="Save event" />
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" style={{ marginTop: 0 }}>
          Sessions ({sessions.length})
        </h2>
        {sessions.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When ({event.timeZone})</th>
                  <th scope="col">Title</th>
                  <th scope="col">Mode</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {formatDay(zonedDay(s.startsAt, event.timeZone))} {formatTime(s.startsAt, event.timeZone)}–{formatTime(s.endsAt, event.timeZone)}
                    </td>
                    <td>{s.title}</td>
                    <td>{s.liveMode}</td>
                    <td>
                      <div className="row">
                        <Link href={`/events/${event.slug}/manage/sessions/${s.id}`}>Edit</Link>
                        <form action={deleteSessionAction.bind(null, { ...ids, sessionId: s.id })}>
                          <button type="submit" className="secondary" aria-label={`Delete ${s.title}`}>
                            Delete
                          </button>
                        </form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Add a session</h3>
        <SessionForm action={saveSessionAction.bind(null, ids)} eventTimeZone={event.timeZone} submitLabel="Add session" />
      </section>

      <section className="card" aria-labelledby="people-heading">
        <h2 id="people-heading" style={{ marginTop: 0 }}>
          People ({members.length})
        </h2>
        <h3>Invite by e-mail</h3>
        <p className="muted">People without an account sign up with this address and find the event waiting for them.</p>
        <InviteForm action={inviteMemberAction.bind(null, event.id, event.slug)} />
        <h3>Import from CSV</h3>
        <ImportForm action={importMembersAction.bind(null, event.id, event.slug)} />
        <h3>Everyone</h3>
        <div className="table-wrap">
          <table aria-label="Members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Country</th>
                <th scope="col">Organisation</th>
                <th scope="col">Role and attendance</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name}
                    {m.isGuest && <span className="badge">guest</span>}
                    {!m.isGuest && !m.hasAccount && <span className="badge">invited</span>}
                  </td>
                  <td>{m.email ?? '—'}</td>
                  <td>{countryName(m.country) || '—'}</td>
                  <td>{m.organisation || '—'}</td>
                  <td>
                    <MemberRoleForm
                      action={changeMemberAction.bind(null, event.id, event.slug, m.userId)}
                      role={m.role}
                      mode={m.attendanceMode}
                      name={m.name}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
