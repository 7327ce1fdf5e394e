import Link from 'next/link';
import { AttendanceNav } from '../../../../_attend/AttendanceNav';
import { notFound } from 'next/navigation';
import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { formatStamp } from '@/lib/i18n/format';
import { findMembership } from '@/lib/db/queries/programme';
import { findUserById } from '@/lib/db/queries/users';
import { localCountryName } from '@/lib/i18n/format';
import { DomainError } from '@/lib/errors';
import { getVersion, listComments, listVersions, readablePlan } from '@/lib/services/plans';
import { loadEventFor } from '../../../../_lib/event-access';
import { PlanView } from '../PlanView';
import { RestoreButton } from './RestoreButton';
import { isUuid } from '@/lib/domain/ids';

export async function generateMetadata() {
  const t = await getTranslations('plans');
  return { title: t('title') };
}

async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) notFound();
    throw err;
  }
}

export default async function PlanPage(props: {
  params: Promise<{ slug: string; planId: string }>;
  searchParams: Promise<{ version?: string; history?: string }>;
}) {
  const [{ slug, planId }, search] = await Promise.all([props.params, props.searchParams]);
  const { user, event, member } = await loadEventFor(slug, `/events/${slug}/plans/${planId}`, 'plan:write-own');
  if (!isUuid(planId)) notFound();
  const { plan, access } = await orNotFound(readablePlan(user.id, planId));
  if (plan.eventId !== event.id) notFound();
  const [t, timeZone, locale] = await Promise.all([getTranslations('plans'), getTimeZone(), getLocale()]);
  // The owner's membership, for the country on the plan's heading (the viewer's own standing came from loadEventFor).
  const [owner, ownerMember] = await Promise.all([findUserById(plan.ownerId), findMembership(event.id, plan.ownerId)]);
  const requested = search.version ? Number(search.version) : null;
  const viewing = requested && Number.isInteger(requested) && access.canSeeHistory ? await orNotFound(getVersion(user.id, plan.id, requested)) : null;
  const every = search.history === 'all';
  const versions = access.canSeeHistory && (search.history || viewing) ? await listVersions(user.id, plan.id, { every }) : null;
  const comments = viewing ? undefined : await listComments(user.id, plan.id);
  const base = `/events/${event.slug}/plans/${plan.id}`;
  const country = ownerMember?.country ? localCountryName(ownerMember.country, locale) : t('countryUnknown');
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}/plans`}>{t('backToPlans')}</Link>
      </p>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div>
          <h1 style={{ marginBottom: 0 }}>{access.isOwner ? t('myPlan') : t('planOf', { name: owner?.name ?? '—' })}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {country} ·{' '}
            {t('metaPdf', { name: owner?.name ?? '—', version: plan.version, date: formatStamp(plan.updatedAt, locale, timeZone) })}
          </p>
        </div>
        <a className="button secondary" href={`${base}/pdf${viewing ? `?version=${viewing.revision.version}` : ''}`} download>
          {t('downloadPdf')}
        </a>
      </div>
      {viewing && (
        <div className="alert warn row" role="status">
          <span>{t('history.viewing', { version: viewing.revision.version, total: plan.version })}</span>
          {access.isOwner && viewing.revision.version !== plan.version && (
            <RestoreButton slug={event.slug} planId={plan.id} version={viewing.revision.version} />
          )}
          <Link href={base}>{t('history.backToCurrent')}</Link>
        </div>
      )}
      <div className="plans-layout">
        <PlanView
          planId={plan.id}
          content={viewing ? viewing.revision.content : plan.content}
          comments={comments}
          canComment={access.canComment}
        />
        {versions && (
          <aside className="card stack" aria-labelledby="plan-history">
            <h2 id="plan-history" style={{ margin: 0 }}>
              {t('history.title')}
            </h2>
            {versions.length === 0 ? (
              <p className="muted">{t('history.none')}</p>
            ) : (
              <ol aria-label={t('history.title')} className="plans-list">
                {versions.map((v) => (
                  <li key={v.version}>
                    <Link href={`${base}?version=${v.version}${every ? '&history=all' : ''}`} aria-current={viewing?.revision.version === v.version ? 'page' : undefined}>
                      {t('history.version', { version: v.version })}
                    </Link>{' '}
                    <span className="muted">
                      {formatStamp(v.savedAt, locale, timeZone)}
                      {v.restoredFrom !== null && ` · ${t('history.restoredFrom', { version: v.restoredFrom })}`}
                    </span>
                  </li>
                ))}
              </ol>
            )}
            <Link href={`${base}?history=${every ? '1' : 'all'}`}>{every ? t('history.showCheckpoints') : t('history.showEvery')}</Link>
          </aside>
        )}
      </div>
    </div>
  );
}
