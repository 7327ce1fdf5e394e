import Papa from 'papaparse';
import { currentUser } from '@/lib/auth/current-user';
import { findEventBySlug } from '@/lib/db/queries/programme';
import { DomainError } from '@/lib/errors';
import { isPlanComplete } from '@/lib/contracts/plans';
import { renderPlansPdf } from '@/lib/services/plan-pdf';
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
    const csv = Papa.unparse(
      rows.map((r) => ({
        country: r.country ?? '',
        name: r.ownerName,
        organisation: r.organisation ?? '',
        complete: isPlanComplete(r.plan.content) ? 'yes' : 'no',
        version: r.plan.version,
        updated_at: r.plan.updatedAt.toISOString(),
        problem: r.plan.content.problem,
        objectives: r.plan.content.objectives,
        activities: r.plan.content.activities
          .filter((a) => a.title.trim())
          .map((a) => `${a.title} (${a.start || '?'} – ${a.end || '?'}; ${a.responsible})`)
          .join('\n'),
        indicators: r.plan.content.indicators,
        partners: r.plan.content.partners,
        resources: r.plan.content.resources,
      })),
      { columns: ['country', 'name', 'organisation', 'complete', 'version', 'updated_at', 'problem', 'objectives', 'activities', 'indicators', 'partners', 'resources'] },
    );
    // A BOM so spreadsheet programs read the file as UTF-8.
    return new Response(`\uFEFF${csv}`, {
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
