import Link from 'next/link';
import { AttendanceNav } from '../../../_attend/AttendanceNav';
import { getLocale, getTranslations } from 'next-intl/server';
import { listMembers, listSessions } from '@/lib/db/queries/programme';
import { formatDay, formatTime, zonedDay } from '@/lib/domain/time';
import { intlLocale, localCountryName } from '@/lib/i18n/format';
import { loadEventFor } from '../../../_lib/event-access';
import {
  changeMemberAction,
  removeMemberAction,
  deleteSessionAction,
  inviteMemberAction,
  saveSessionAction,
  updateEventAction,
} from '../../actions';
import { EventForm } from '../../EventForm';
import { InviteForm, MemberRoleForm, RemoveMemberForm } from './MemberForms';
import { SessionForm } from './SessionForm';
import { DataTable } from '../../../_components/DataTable';

export async function generateMetadata() {
  return { title: (await getTranslations('events.manage'))('metaTitle') };
}

export default async function ManageEventPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { event, user, member } = await loadEventFor(slug, `/events/${slug}/manage`, 'event:edit');
  const [sessions, members, t, tr, appLocale] = await Promise.all([
    listSessions(event.id),
    listMembers(event.id),
    getTranslations('events.manage'),
    getTranslations('domain'),
    getLocale(),
  ]);
  const locale = intlLocale(appLocale);
  const ids = { eventId: event.id, slug: event.slug };
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}`}>{t('back')}</Link>
      </p>
      <h1>{t('title', { title: event.title })}</h1>
      <p>
        {t('eventCode')} <strong style={{ fontSize: '1.2rem', letterSpacing: '0.1em' }}>{event.joinCode}</strong>
      </p>

      <section className="card" aria-labelledby="event-heading">
        <h2 id="event-heading" style={{ marginTop: 0 }}>
          {t('details')}
        </h2>
        <EventForm action={updateEventAction.bind(null, event.id, event.slug)} initial={event} submitLabel={t('saveEvent')} />
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" style={{ marginTop: 0 }}>
          {t('sessions', { count: sessions.length })}
        </h2>
        {sessions.length > 0 && (
          <DataTable
            label={t('sessions', { count: sessions.length })}
            columns={[t('when', { zone: event.timeZone }), t('sessionTitle'), t('mode'), <span className="visually-hidden">{t('actions')}</span>]}
          >
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {formatDay(zonedDay(s.startsAt, event.timeZone), locale)} {formatTime(s.startsAt, event.timeZone, locale)}–
                  {formatTime(s.endsAt, event.timeZone, locale)}
                </td>
                <td>{s.title}</td>
                <td>{tr(`liveModes.${s.liveMode}`)}</td>
                <td>
                  <div className="row">
                    <Link href={`/events/${event.slug}/manage/sessions/${s.id}`}>{t('edit')}</Link>
                    <form action={deleteSessionAction.bind(null, { ...ids, sessionId: s.id })}>
                      <button type="submit" className="secondary" aria-label={t('deleteSession', { title: s.title })}>
                        {t('delete')}
                      </button>
                    </form>
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <h3>{t('addSessionHeading')}</h3>
        <SessionForm action={saveSessionAction.bind(null, ids)} eventTimeZone={event.timeZone} submitLabel={t('addSession')} />
      </section>

      <section className="card" aria-labelledby="people-heading">
        <h2 id="people-heading" style={{ marginTop: 0 }}>
          {t('people', { count: members.length })}
        </h2>
        <h3>{t('inviteHeading')}</h3>
        <p className="muted">{t('inviteIntro')}</p>
        <InviteForm action={inviteMemberAction.bind(null, event.id, event.slug)} />
        <h3>{t('importHeading')}</h3>
        <p>
          <Link href={`/events/${event.slug}/registration`}>{t('importOnRegistration')}</Link>
        </p>
        <h3>{t('everyone')}</h3>
        <DataTable label={t('members')} columns={[t('name'), t('email'), t('country'), t('organisation'), t('roleAndAttendance')]}>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.name}
                {m.isGuest && <span className="badge">{t('guest')}</span>}
                {!m.isGuest && !m.hasAccount && <span className="badge">{t('invited')}</span>}
              </td>
              <td>{m.email ?? '—'}</td>
              <td>{localCountryName(m.country, appLocale) || '—'}</td>
              <td>{m.organisation || '—'}</td>
              <td>
                <MemberRoleForm
                  action={changeMemberAction.bind(null, event.id, event.slug, m.userId)}
                  role={m.role}
                  mode={m.attendanceMode}
                  name={m.name}
                />
                {m.userId !== user.id && <RemoveMemberForm action={removeMemberAction.bind(null, event.id, event.slug, m.userId)} name={m.name} />}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
