import Link from 'next/link';
import { AttendanceNav } from '../../../../_attend/AttendanceNav';
import { getLocale, getTranslations } from 'next-intl/server';
import { localCountryName } from '@/lib/i18n/format';
import { completionByCountry } from '@/lib/services/plans';
import { loadEventFor } from '../../../../_lib/event-access';

export async function generateMetadata() {
  const t = await getTranslations('plans');
  return { title: t('overview.title') };
}

export default async function PlansOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, event, member } = await loadEventFor(slug, `/events/${slug}/plans/overview`, 'plan:view-all');
  const [t, locale, byCode] = await Promise.all([getTranslations('plans'), getLocale(), completionByCountry(user.id, event.id)]);
  // Alphabetical in the viewer's language, people without a country last.
  const named = byCode.map((r) => ({ ...r, name: r.country ? localCountryName(r.country, locale) : null }));
  const rows = [...named.filter((r) => r.name).sort((a, b) => a.name!.localeCompare(b.name!, locale)), ...named.filter((r) => !r.name)];
  const total = rows.reduce((acc, r) => ({ p: acc.p + r.participants, s: acc.s + r.started, c: acc.c + r.complete }), { p: 0, s: 0, c: 0 });
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}/plans`}>{t('backToPlans')}</Link>
      </p>
      <h1>{t('overview.title')}</h1>
      <div className="row">
        <a className="button" href={`/events/${event.slug}/plans/export?format=pdf`} download>
          {t('overview.downloadPdf')}
        </a>
        <a className="button secondary" href={`/events/${event.slug}/plans/export?format=csv`} download>
          {t('overview.downloadCsv')}
        </a>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {t('overview.completeHint')}
      </p>
      <div className="plans-table-wrap card">
        <table className="plans-table" aria-label={t('overview.table')}>
          <thead>
            <tr>
              <th scope="col">{t('overview.country')}</th>
              <th scope="col">{t('overview.participants')}</th>
              <th scope="col">{t('overview.started')}</th>
              <th scope="col">{t('overview.complete')}</th>
              <th scope="col" aria-hidden="true"></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.country ?? '-'}>
                <th scope="row">{r.name ?? t('countryUnknown')}</th>
                <td>{r.participants}</td>
                <td>{r.started}</td>
                <td>{r.complete}</td>
                <td aria-hidden="true">
                  <span className="plans-bar">
                    <span style={{ width: `${r.participants ? Math.round((100 * r.complete) / r.participants) : 0}%` }} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('overview.total')}</th>
              <td>{total.p}</td>
              <td>{total.s}</td>
              <td>{total.c}</td>
              <td aria-hidden="true"></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
