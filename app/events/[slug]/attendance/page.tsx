import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { can } from '@/lib/domain/permissions';
import { durationParts, minutesLabel } from '@/lib/domain/attendance';
import { attendanceForStaff } from '@/lib/services/attendance-report';
import { liveCounts } from '@/lib/services/attendance-live';
import { certificateThreshold, listCertificates } from '@/lib/services/certificates';
import { loadEventFor } from '../../../_lib/event-access';
import { AttendanceNav } from '../../../_attend/AttendanceNav';
import { countryOptions } from '../../../_attend/countries';
import { formatDayLabel } from '../../../_attend/format';
import { ZonedTime } from '../../../_attend/ZonedTime';
import { certificateAction } from './actions';
import { CertificateForm } from './CertificateForm';
import { BarChart } from './Charts';
import { LiveDashboard } from './LiveDashboard';
import { DataTable } from '../../../_components/DataTable';

export async function generateMetadata() {
  const t = await getTranslations('attendance');
  return { title: t('title') };
}

const BUCKETS = [0, 25, 50, 75] as const;

export default async function AttendancePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, event, member } = await loadEventFor(slug, `/events/${slug}/attendance`, 'attendance:view-all');
  const [t, locale, { report }, counts, threshold, certs] = await Promise.all([
    getTranslations('attendance'),
    getLocale(),
    attendanceForStaff(user.id, event.id),
    liveCounts(event.id),
    certificateThreshold(event.id),
    listCertificates(user.id, event.id),
  ]);
  const countryNames = Object.fromEntries(countryOptions(locale).map((c) => [c.code, c.name]));
  const certified = new Set(certs.map((c) => c.userId));
  const organizer = can({ role: member.role }, 'certificate:issue');
  const bucketOf = (p: number) => BUCKETS.filter((b) => p >= b).length - 1;
  const histogram = BUCKETS.map((_, i) => report.people.filter((p) => bucketOf(p.percent) === i).length);
  const eligible = report.people.filter((p) => p.seconds > 0 && p.percent >= threshold).length;
  return (
    <div className="stack attend-page">
      <AttendanceNav slug={event.slug} role={member.role} current="attendance" />
      <h1>{t('heading', { event: event.title })}</h1>
      <div className="row">
        {can({ role: member.role }, 'attendance:export') && (
          <a className="button secondary" href={`/events/${event.slug}/attendance/export`} download>
            {t('exportCsv')}
          </a>
        )}
        {can({ role: member.role }, 'attendance:export') && (
          <a className="button secondary" href={`/events/${event.slug}/attendance/connection-log`} download>
            {t('exportLog')}
          </a>
        )}
        {can({ role: member.role }, 'checkin:badges') && (
          <a className="button secondary" href={`/events/${event.slug}/badges.pdf`} target="_blank" rel="noopener">
            {t('badgeSheet')}
          </a>
        )}
      </div>

      <LiveDashboard eventId={event.id} initial={counts} timeZone={user.timeZone ?? event.timeZone} countryNames={countryNames} />

      <section className="card stack attend-page" aria-labelledby="people-heading">
        <h2 id="people-heading" style={{ margin: 0 }}>
          {t('people.heading')}
        </h2>
        <p className="muted" style={{ margin: 0 }}>
          {t('people.explain', { sessions: report.sessions.length, duration: t('duration', durationParts(report.possibleSeconds)) })}
        </p>
        <BarChart
          label={t('people.chartLabel')}
          labels={['0–24%', '25–49%', '50–74%', '75–100%']}
          series={[{ label: t('people.seriesPeople'), values: histogram, color: '#5b3cc4' }]}
        />
        <DataTable label={t('people.table')} columns={[t('name'), t('country'), t('mode'), t('checkins'), t('minutes'), t('percent')]}>
          {report.people.map((p) => (
            <tr key={p.userId} data-testid="attendance-row">
              <td>
                {p.name}
                {certified.has(p.userId) && <span className="badge">{t('people.certified')}</span>}
              </td>
              <td>{p.country ? countryNames[p.country] ?? p.country : '—'}</td>
              <td>{t(`modes.${p.attendanceMode}`)}</td>
              <td>{p.checkinDays.map((d) => formatDayLabel(d, locale)).join(', ') || '—'}</td>
              <td>{minutesLabel(p.seconds)}</td>
              <td>
                <span className="attend-percent">
                  <span className="attend-bar" aria-hidden="true">
                    <span style={{ width: `${p.percent}%` }} className={p.percent >= threshold ? 'is-above' : ''} />
                  </span>
                  {p.percent}%
                </span>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section className="card stack attend-page" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" style={{ margin: 0 }}>
          {t('sessions.heading')}
        </h2>
        {report.sessions.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            {t('mine.nothingYet')}
          </p>
        ) : (
          <DataTable label={t('sessions.table')} columns={[t('session'), t('sessions.starts'), t('sessions.attended')]}>
            {report.sessions.map((s, i) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link href={`/events/${event.slug}/attendance/sessions/${s.id}`} aria-label={t('sessions.open', { session: s.title })}>
                    {s.title}
                  </Link>
                </th>
                <td>
                  <ZonedTime iso={s.startsAt.toISOString()} eventZone={event.timeZone} viewerZone={user.timeZone} />
                </td>
                <td>{report.people.filter((p) => p.sessions[i]!.seconds > 0).length}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {organizer && (
        <section className="card stack attend-page" aria-labelledby="certificates-heading">
          <h2 id="certificates-heading" style={{ margin: 0 }}>
            {t('certificates.heading')}
          </h2>
          <p className="muted" style={{ margin: 0 }}>
            {t('certificates.status', { eligible, issued: certs.length, threshold })}
          </p>
          <CertificateForm action={certificateAction.bind(null, event.id, event.slug)} threshold={threshold} />
        </section>
      )}
    </div>
  );
}
