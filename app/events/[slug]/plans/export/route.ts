import { currentUser } from '@/lib/auth/current-user';
import { findEventBySlug } from '@/lib/db/queries/programme';
import { DomainError } from '@/lib/errors';
import { isPlanComplete } from '@/lib/contracts/plans';
import { renderPlansPdf } from '@/lib/services/plan-pdf';
import { toCsv } from '@/lib/services/csv';
import { listAllPlans } from '@/lib/services/plans';
import { pdfResponse, planPdfLabels } from '../pdf-labels';
import { plainError } from '@/app/_lib/plain-error';

/**
 * Every plan of the event for organizers: one combined PDF (a plan per page run,
 * sorted by country) to read and print, or a CSV (one row per plan) to analyse.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  const event = await findEventBySlug(slug);
  if (!event) return plainError(404);
  const format = new URL(request.url).searchParams.get('format') === 'csv' ? 'csv' : 'pdf';
  let rows: Awaited<ReturnType<typeof listAllPlans>>;
  try {
    rows = await listAllPlans(user.id, event.id);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'forbidden') return plainError(404);
    throw err;
  }
  if (format === 'csv') {
    const columns = ['country', 'name', 'organisation', 'complete', 'version', 'updated_at', 'problem', 'objectives', 'activities', 'indicators', 'partners', 'resources'];
    const csv = toCsv(
      columns,
      rows.map((r) => [
        r.country ?? '',
        r.ownerName,
        r.organisation ?? '',
        isPlanComplete(r.plan.content) ? 'yes' : 'no',
        r.plan.version,
        r.plan.updatedAt.toISOString(),
        r.plan.content.problem,
        r.plan.content.objectives,
        r.plan.content.activities
          .filter((a) => a.title.trim())
          .map((a) => `${a.title} (${a.start || '?'} – ${a.end || '?'}; ${a.responsible})`)
          .join('\n'),
        r.plan.content.indicators,
        r.plan.content.partners,
        r.plan.content.resources,
      ]),
    );
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="action-plans-${event.slug}.csv"`,
        'cache-control': 'private, no-store',
      },
    });
  }
  const labels = await planPdfLabels();
  const bytes = await renderPlansPdf(
    rows.map((r) => ({ ownerName: r.ownerName, country: r.country, content: r.plan.content, version: r.plan.version, updatedAt: r.plan.updatedAt })),
    labels,
    event.title,
  );
  return pdfResponse(bytes, `action-plans-${event.slug}.pdf`);
}
