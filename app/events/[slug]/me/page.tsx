import { getLocale, getTranslations } from 'next-intl/server';
import { durationParts, minutesLabel } from '@/lib/domain/attendance';
import { personalBadge, qrDataUrl } from '@/lib/services/badges';
import { loadProfile } from '@/lib/services/registration';
import { ownAttendanceDetail } from '@/lib/services/attendance-detail';
import { certificateThreshold, ownCertificate, verificationUrl } from '@/lib/services/certificates';
import { loadEventFor } from '../../../_lib/event-access';
import { countryOptions } from '../../../_attend/countries';
import { formatDayLabel } from '../../../_attend/format';
import { ZonedTime } from '../../../_attend/ZonedTime';
import { HallProofs, OnlineStays } from '../../../_attend/StayLog';
import { AttendanceNav } from '../../../_attend/AttendanceNav';
import { updateProfileAction } from './actions';
import { ProfileForm } from './ProfileForm';
import { SignOutEverywhere } from '../../../_components/SignOutEverywhere';
import { DataTable } from '../../../_components/DataTable';

export async function generateMetadata() {
  const t = await getTranslations('registration');
  return { title: t('profile.title') };
}

/** A member's own page: profile, check-in badge, attendance and certificate. Only ever the viewer's own data. */
export default async function MyParticipationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, event, member } = await loadEventFor(slug, `/events/${slug}/me`);
  const [t, ta, tc, locale, profile, attendance, cert, threshold] = await Promise.all([
    getTranslations('registration'),
    getTranslations('attendance'),
    getTranslations('checkin'),
    getLocale(),
    loadProfile(user.id, event.id),
    ownAttendanceDetail(user.id, event.id),
    ownCertificate(user.id, event.id),
    certificateThreshold(event.id),
  ]);
  const badge = member.attendanceMode === 'in_person' ? personalBadge(event.id, user.id) : null;
  const { me, report } = attendance;
  return (
    <div className="stack attend-page">
      <AttendanceNav slug={event.slug} role={member.role} current="me" />
      <h1>{t('profile.heading', { event: event.title })}</h1>
      <SignOutEverywhere />

      {badge && (
        <section className="card attend-badge" aria-labelledby="badge-heading">
          <h2 id="badge-heading" style={{ marginTop: 0 }}>
            {tc('badge.heading')}
          </h2>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
          <img src={await qrDataUrl(badge.payload)} alt={tc('badge.qrAlt', { name: user.name })} width={220} height={220} />
          <p style={{ margin: 0 }}>
            {tc('badge.code')} <strong className="attend-code" data-testid="my-checkin-code">{badge.code}</strong>
          </p>
          <p className="muted" style={{ margin: 0 }}>
            {tc('badge.hint')}
          </p>
          {me.checkinDays.length > 0 && (
            <p className="alert ok" style={{ margin: 0 }}>
              {tc('badge.checkedIn', { days: me.checkinDays.map((d) => formatDayLabel(d, locale)).join(', ') })}
            </p>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="my-attendance-heading">
        <h2 id="my-attendance-heading" style={{ marginTop: 0 }}>
          {ta('mine.heading')}
        </h2>
        <p>
          {ta('mine.summary', { duration: ta('duration', durationParts(me.seconds)), percent: me.percent })}
        </p>
        {report.sessions.length === 0 ? (
          <p className="muted">{ta('mine.nothingYet')}</p>
        ) : (
          <DataTable label={ta('mine.table')} columns={[ta('session'), ta('minutes'), ta('where'), ta('mine.colDetail')]}>
            {report.sessions.map((s, i) => {
              const a = me.sessions[i]!;
              const d = attendance.sessions[i]!.detail;
              return (
                <tr key={s.id}>
                  <td>
                    {s.title}
                    <div className="muted">
                      <ZonedTime iso={s.startsAt.toISOString()} eventZone={event.timeZone} viewerZone={user.timeZone} />
                    </div>
                  </td>
                  <td>
                    {minutesLabel(a.seconds)} / {minutesLabel(s.countedSeconds)}
                  </td>
                  <td>{a.where ? ta(`whereLabel.${a.where}`) : '—'}</td>
                  <td>
                    {d && d.online.length + d.hall.length > 0 ? (
                      <div className="stack" style={{ gap: '0.25rem' }}>
                        {d.online.length > 0 && <OnlineStays stays={d.online} eventZone={event.timeZone} viewerZone={user.timeZone} />}
                        {d.hall.length > 0 && <HallProofs proofs={d.hall} eventZone={event.timeZone} viewerZone={user.timeZone} />}
                      </div>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
        <h3>{ta('certificate.heading')}</h3>
        {cert ? (
          <div className="stack">
            <p style={{ margin: 0 }}>
              <a className="button" href={`/certificates/${cert.code}`} download>
                {ta('certificate.download')}
              </a>
            </p>
            <p className="muted" style={{ margin: 0 }}>
              {ta('certificate.verifyAt')} <a href={verificationUrl(cert.code)}>{verificationUrl(cert.code)}</a>
            </p>
          </div>
        ) : (
          <p className="muted">{ta('certificate.notYet', { threshold })}</p>
        )}
      </section>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading" style={{ marginTop: 0 }}>
          {t('profile.section')}
        </h2>
        <ProfileForm
          action={updateProfileAction.bind(null, event.id, event.slug)}
          values={{
            country: profile.country,
            organisation: profile.organisation,
            timeZone: profile.timeZone,
            locale: profile.locale ?? locale,
            accessibilityNeeds: profile.accessibilityNeeds,
          }}
          countries={countryOptions(locale)}
          modeLabel={t(`modes.${member.attendanceMode}`)}
        />
      </section>
    </div>
  );
}
