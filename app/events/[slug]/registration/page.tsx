import Link from 'next/link';
import { AttendanceNav } from '../../../_attend/AttendanceNav';
import { getLocale, getTranslations } from 'next-intl/server';
import { instantToZonedLocal } from '@/lib/domain/time';
import { mailConfigured } from '@/lib/services/mailer';
import { listInvitations } from '@/lib/services/invitations';
import { listProfiles, registrationLinkFor } from '@/lib/services/registration';
import { localCountryName } from '../../../_attend/countries';
import { LOCALE_NAMES, isLocale } from '@/lib/i18n/locales';
import { intlLocale } from '@/lib/i18n/format';
import { env } from '@/lib/env';
import { loadEventFor } from '../../../_lib/event-access';
import { CopyButton } from '../../../_attend/CopyButton';
import { ZonedTime } from '../../../_attend/ZonedTime';
import { importCsvAction, inviteListAction, resendAction, saveLinkAction } from './actions';
import { CsvImportForm, InviteListForm, LinkForm } from './RegistrationForms';
import { DataTable } from '../../../_components/DataTable';

export async function generateMetadata() {
  const t = await getTranslations('registration');
  return { title: t('title') };
}

export default async function RegistrationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, event, member } = await loadEventFor(slug, `/events/${slug}/registration`, 'registration:manage');
  const [t, locale, link, invitations, profiles] = await Promise.all([
    getTranslations('registration'),
    getLocale(),
    registrationLinkFor(user.id, event.id),
    listInvitations(user.id, event.id),
    listProfiles(user.id, event.id),
  ]);
  const smtp = mailConfigured();
  const defaultClose = `${event.endDate}T23:59`;
  return (
    <div className="stack attend-page">
      <AttendanceNav slug={event.slug} role={member.role} current="registration" />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}`}>{t('back')}</Link>
      </p>
      <h1>{t('heading', { event: event.title })}</h1>
      <p className={`alert ${smtp ? 'ok' : 'warn'}`}>{smtp ? t('smtpOn') : t('smtpOff')}</p>

      <section className="card" aria-labelledby="invite-list-heading">
        <h2 id="invite-list-heading" style={{ marginTop: 0 }}>
          {t('list.heading')}
        </h2>
        <InviteListForm action={inviteListAction.bind(null, event.id, event.slug)} />
      </section>

      <section className="card" aria-labelledby="csv-heading">
        <h2 id="csv-heading" style={{ marginTop: 0 }}>
          {t('csv.heading')}
        </h2>
        <p className="muted">{t('csv.atomic')}</p>
        <CsvImportForm action={importCsvAction.bind(null, event.id, event.slug)} maxBytes={env().UPLOAD_BODY_LIMIT} />
      </section>

      <section className="card" aria-labelledby="link-heading">
        <h2 id="link-heading" style={{ marginTop: 0 }}>
          {t('link.heading')}
        </h2>
        {link ? (
          <div className="stack">
            <div className="row">
              <input readOnly value={link.url} aria-label={t('link.url')} className="attend-link" />
              <CopyButton text={link.url} label={t('link.copy')} />
            </div>
            <p className="muted" style={{ margin: 0 }}>
              {t('link.count', { registered: link.registered, capacity: link.capacity })} · {t('link.closes')}{' '}
              <ZonedTime iso={link.closesAt.toISOString()} eventZone={event.timeZone} viewerZone={user.timeZone} />
            </p>
          </div>
        ) : (
          <p className="muted">{t('link.none')}</p>
        )}
        <LinkForm
          action={saveLinkAction.bind(null, event.id, event.slug)}
          initial={{
            capacity: link?.capacity ?? 100,
            closesAt: link ? instantToZonedLocal(link.closesAt, event.timeZone) : defaultClose,
            open: link?.open ?? 'open',
          }}
        />
        <p className="hint">{t('link.zoneHint', { zone: event.timeZone })}</p>
      </section>

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" style={{ marginTop: 0 }}>
          {t('invitations.heading', { count: invitations.length })}
        </h2>
        {invitations.length === 0 ? (
          <p className="muted">{t('invitations.none')}</p>
        ) : (
          <DataTable label={t('invitations.table')} columns={[t('report.person'), t('invitations.status'), t('report.link')]}>
            {invitations.map((i) => (
              <tr key={i.userId}>
                <td>
                  {i.name}
                  <div className="muted">{i.email}</div>
                </td>
                <td>
                  {i.acceptedAt || i.hasAccount ? (
                    <span className="badge">{t('invitations.accepted')}</span>
                  ) : i.sentAt ? (
                    <span className="badge">
                      {t('invitations.sentAt', { when: new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: user.timeZone ?? event.timeZone }).format(i.sentAt) })}
                    </span>
                  ) : (
                    <span className="badge">{smtp ? t('invitations.notSent') : t('invitations.copyIt')}</span>
                  )}
                  {i.sendError && (
                    <div className="field-error">
                      {t('invitations.failed')}{' '}
                      {/* The mail server's own words, for whoever fixes the address or the server; usually English. */}
                      <span className="muted">
                        {t('invitations.failedDetail')} <code lang="en">{i.sendError}</code>
                      </span>
                    </div>
                  )}
                </td>
                <td>
                  <div className="row">
                    <input readOnly value={i.url} aria-label={t('report.linkFor', { name: i.name })} className="attend-link" />
                    <CopyButton text={i.url} label={t('copyLinkFor', { name: i.name })} />
                    {smtp && (
                      <form action={resendAction.bind(null, event.id, event.slug, i.userId)}>
                        <button type="submit" className="secondary">
                          {t('invitations.resend')}
                        </button>
                      </form>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section className="card" aria-labelledby="profiles-heading">
        <h2 id="profiles-heading" style={{ marginTop: 0 }}>
          {t('profiles.heading', { count: profiles.length })}
        </h2>
        <p className="muted">{t('profiles.hint')}</p>
        <DataTable label={t('profiles.table')} columns={[t('report.person'), t('fields.country'), t('fields.mode'), t('fields.timeZone'), t('fields.language'), t('fields.accessibility')]}>
          {profiles.map((p) => (
            <tr key={p.userId}>
              <td>
                {p.name}
                <div className="muted">{[p.organisation, p.registeredVia && t(`profiles.via.${p.registeredVia}`)].filter(Boolean).join(' · ')}</div>
              </td>
              <td>{localCountryName(p.country, locale) || '—'}</td>
              <td>{t(`modes.${p.attendanceMode}`)}</td>
              <td>{p.timeZone ?? '—'}</td>
              <td>{isLocale(p.locale) ? LOCALE_NAMES[p.locale] : '—'}</td>
              <td>{p.accessibilityNeeds || '—'}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
