import Link from 'next/link';
import { AttendanceNav } from '../../../_attend/AttendanceNav';
import { getLocale, getTranslations } from 'next-intl/server';
import { can } from '@/lib/domain/permissions';
import { localCountryName } from '@/lib/i18n/format';
import { EMPTY_PLAN } from '@/lib/contracts/plans';
import { getOwnPlan, listComments, listReadablePlans, listShareCandidates, listShares, myCohorts } from '@/lib/services/plans';
import { loadEventFor } from '../../../_lib/event-access';
import { PlanEditor } from './PlanEditor';
import { PlanView } from './PlanView';
import { SharePanel } from './SharePanel';

export async function generateMetadata() {
  const t = await getTranslations('plans');
  return { title: t('title') };
}

export default async function PlansPage(props: { params: Promise<{ slug: string }>; searchParams: Promise<{ restored?: string; r?: string }> }) {
  const [{ slug }, search] = await Promise.all([props.params, props.searchParams]);
  const { user, event, member } = await loadEventFor(slug, `/events/${slug}/plans`, 'plan:write-own');
  const [t, tr, locale] = await Promise.all([getTranslations('plans'), getTranslations('domain'), getLocale()]);
  const plan = await getOwnPlan(user.id, event.id);
  const [readable, candidates, cohorts, shares, comments] = await Promise.all([
    listReadablePlans(user.id, event.id),
    plan ? listShareCandidates(user.id, event.id) : Promise.resolve([]),
    myCohorts(user.id, event.id),
    plan ? listShares(plan.id) : Promise.resolve([]),
    plan ? listComments(user.id, plan.id) : Promise.resolve([]),
  ]);
  const viewAll = can({ role: member.role }, 'plan:view-all');
  const country = member.country ? localCountryName(member.country, locale) : null;
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}`}>{t('backToEvent')}</Link>
      </p>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ marginBottom: 0 }}>{country ? t('myPlanFor', { country }) : t('myPlan')}</h1>
        {viewAll && (
          <Link className="button secondary" href={`/events/${event.slug}/plans/overview`}>
            {t('overview.link')}
          </Link>
        )}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {t('intro')}
      </p>
      {search.restored && /^\d+$/.test(search.restored) && (
        <p className="alert ok" role="status">
          {t('history.restored', { version: search.restored })}
        </p>
      )}
      <div className="plans-layout">
        <div className="card">
          {/* A restore replaces the text: a fresh editor starts from it (the key changes only then, never on autosave). */}
          <PlanEditor key={search.r ?? 'edit'} eventId={event.id} initial={plan?.content ?? EMPTY_PLAN} initialVersion={plan?.version ?? 0} />
        </div>
        <aside className="stack" aria-label={t('share.title')}>
          <section className="card stack">
            <h2 style={{ margin: 0 }}>{t('share.title')}</h2>
            {plan ? (
              <SharePanel
                slug={event.slug}
                planId={plan.id}
                withFacilitators={plan.sharedWithFacilitators}
                withCohort={plan.sharedWithCohort}
                cohortNames={cohorts.map((c) => c.name)}
                sharedWith={shares}
                candidates={candidates.map((c) => ({ userId: c.userId, name: c.name, roleLabel: tr(`roles.${c.role}`) }))}
              />
            ) : (
              <p className="muted">{t('share.needPlan')}</p>
            )}
          </section>
          {plan && (
            <section className="card stack">
              <div className="row">
                <Link className="button secondary" href={`/events/${event.slug}/plans/${plan.id}?history=1`}>
                  {t('history.title')}
                </Link>
                <a className="button secondary" href={`/events/${event.slug}/plans/${plan.id}/pdf`} download>
                  {t('downloadPdf')}
                </a>
              </div>
            </section>
          )}
          <section className="card stack">
            <h2 style={{ margin: 0 }}>{viewAll ? t('allPlans') : t('sharedWithMe')}</h2>
            {readable.length === 0 ? (
              <p className="muted">{t('noneShared')}</p>
            ) : (
              <ul aria-label={viewAll ? t('allPlans') : t('sharedWithMe')} className="plans-list">
                {readable.map((r) => (
                  <li key={r.plan.id}>
                    <Link href={`/events/${event.slug}/plans/${r.plan.id}`}>{t('planOf', { name: r.ownerName })}</Link>
                    {r.country && <span className="muted"> · {localCountryName(r.country, locale)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
      {/* Always there once the plan exists: comments arrive live, so the section may get its first one any time. */}
      {plan && (
        <section className="stack" aria-labelledby="my-plan-comments">
          <h2 id="my-plan-comments">{t('comments.title')}</h2>
          <PlanView planId={plan.id} content={plan.content} comments={comments} canComment onlyCommented />
        </section>
      )}
    </div>
  );
}
