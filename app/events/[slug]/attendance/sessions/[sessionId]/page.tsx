import Link from 'next/link';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { minutesLabel } from '@/lib/domain/attendance';
import { DomainError } from '@/lib/errors';
import { sessionAttendanceForStaff, type SessionDetail } from '@/lib/services/attendance-detail';
import { loadEventFor } from '../../../../../_lib/event-access';
import { AttendanceNav } from '../../../../../_attend/AttendanceNav';
import { countryOptions } from '../../../../../_attend/countries';
import { HallProofs, OnlineStays } from '../../../../../_attend/StayLog';
import { ZonedTime } from '../../../../../_attend/ZonedTime';
import { DataTable } from '../../../../../_components/DataTable';
import { isUuid } from '@/lib/domain/ids';

type Params = { params: Promise<{ slug: string; sessionId: string }>; searchParams: Promise<{ mode?: string | string[] }> };

const MODES = ['in_person', 'remote'] as const;

/**
 * The service decides who may see it; an unknown session or a refusal is a
 * 404 like the dashboard's. Cached per request: the metadata and the page
 * would otherwise build the report twice.
 */
const load = cache(async (slug: string, sessionId: string) => {
  const { user, event, member } = await loadEventFor(slug, `/events/${slug}/attendance/sessions/${sessionId}`, 'attendance:view-all');
  if (!isUuid(sessionId)) notFound();
  let detail: SessionDetail;
  try {
    detail = await sessionAttendanceForStaff(user.id, event.id, sessionId);
  } catch (err) {
    if (err instanceof DomainError) notFound();
    throw err;
  }
  return { user, event, member, detail };
});

export async function generateMetadata({ params }: Params) {
  const { slug, sessionId } = await params;
  const [t, { detail }] = await Promise.all([getTranslations('attendance.detail'), load(slug, sessionId)]);
  return { title: t('title', { session: detail.session.title }) };
}

/** One session's attendance, person by person: each join and leave online and what put them in the hall. */
export default async function SessionAttendancePage({ params, searchParams }: Params) {
  const { slug, sessionId } = await params;
  const { mode: rawMode } = await searchParams;
  const mode = MODES.find((m) => m === rawMode) ?? null;
  const [{ user, event, member, detail }, t, ta, locale] = await Promise.all([
    load(slug, sessionId),
    getTranslations('attendance.detail'),
    getTranslations('attendance'),
    getLocale(),
  ]);
  const { session, counted } = detail;
  const rows = mode ? detail.rows.filter((r) => r.attendanceMode === mode) : detail.rows;
  const countryNames = Object.fromEntries(countryOptions(locale).map((c) => [c.code, c.name]));
  const base = `/events/${event.slug}/attendance/sessions/${session.id}`;
  const filters: { key: string; label: string; href: string; active: boolean }[] = [
    { key: 'all', label: t('filterAll'), href: base, active: mode === null },
    { key: 'in_person', label: t('filterHall'), href: `${base}?mode=in_person`, active: mode === 'in_person' },
    { key: 'remote', label: t('filterOnline'), href: `${base}?mode=remote`, active: mode === 'remote' },
  ];
  const zones = { eventZone: event.timeZone, viewerZone: user.timeZone };
  return (
    <div className="stack attend-page">
      <AttendanceNav slug={event.slug} role={member.role} current="attendance" />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}/attendance`}>← {t('back')}</Link>
      </p>
      <h1>{t('heading', { session: session.title })}</h1>
      <div className="stack" style={{ gap: '0.15rem' }}>
        <p style={{ margin: 0 }}>
          {t('starts')}: <ZonedTime iso={session.startsAt.toISOString()} {...zones} />
        </p>
        <p style={{ margin: 0 }}>
          {t('ends')}: <ZonedTime iso={session.endsAt.toISOString()} {...zones} />
        </p>
        {session.venueRoom && <p style={{ margin: 0 }}>{t('room', { room: session.venueRoom })}</p>}
      </div>

      {!counted ? (
        <p className="alert">{t('notCounted')}</p>
      ) : (
        <section className="card stack attend-page" aria-labelledby="detail-heading">
          <h2 id="detail-heading" style={{ margin: 0 }}>
            {t('table', { session: session.title })}
          </h2>
          <p className="muted" style={{ margin: 0 }}>
            {t('explain')}{' '}
            {counted.hallEvidence === 'room_scans' ? t('evidenceRoom', { room: counted.venueRoom }) : t('evidenceDay')}
          </p>
          <nav aria-label={t('filter')} className="attend-nav">
            {filters.map((f) => (
              <Link key={f.key} href={f.href} aria-current={f.active ? 'page' : undefined}>
                {f.label}
              </Link>
            ))}
          </nav>
          <p style={{ margin: 0 }}>
            {t('count', { count: rows.length })}
          </p>
          {rows.length > 0 && (
            <DataTable label={t('table', { session: session.title })} testId="session-attendance" columns={[ta('name'), ta('country'), ta('mode'), ta('where'), ta('minutes'), t('colOnline'), t('colHall')]}>
              {rows.map((r) => (
                <tr key={r.userId}>
                  <th scope="row">{r.name}</th>
                  <td>{r.country ? countryNames[r.country] ?? r.country : '—'}</td>
                  <td>{ta(`modes.${r.attendanceMode}`)}</td>
                  <td>{r.where ? ta(`whereLabel.${r.where}`) : '—'}</td>
                  <td>
                    {minutesLabel(r.seconds)} / {minutesLabel(counted.countedSeconds)}
                  </td>
                  <td>
                    <OnlineStays stays={r.online} {...zones} />
                  </td>
                  <td>
                    <HallProofs proofs={r.hall} {...zones} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
    </div>
  );
}
