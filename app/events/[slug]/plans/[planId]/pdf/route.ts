import { currentUser } from '@/lib/auth/current-user';
import { findMembership } from '@/lib/db/queries/programme';
import { findUserById } from '@/lib/db/queries/users';
import { DomainError } from '@/lib/errors';
import { renderPlansPdf } from '@/lib/services/plan-pdf';
import { getVersion, readablePlan } from '@/lib/services/plans';
import { pdfResponse, planPdfLabels } from '../../pdf-labels';
import { plainError } from '@/app/_lib/plain-error';
import { isUuid } from '@/lib/domain/ids';

/** One plan as PDF (optionally an old version), for the people who may read it. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; planId: string }> }) {
  const { planId } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  if (!isUuid(planId)) return plainError(404);
  const versionParam = new URL(request.url).searchParams.get('version');
  try {
    const { plan } = await readablePlan(user.id, planId);
    let content = plan.content;
    let version = plan.version;
    let updatedAt = plan.updatedAt;
    if (versionParam && /^\d+$/.test(versionParam)) {
      const { revision } = await getVersion(user.id, planId, Number(versionParam));
      ({ content, version } = revision);
      updatedAt = revision.createdAt;
    }
    // The owner's membership, for the country on the PDF (readablePlan decided the reader's access).
    const [owner, member] = await Promise.all([findUserById(plan.ownerId), findMembership(plan.eventId, plan.ownerId)]);
    const ownerName = owner?.name ?? '';
    const labels = await planPdfLabels();
    const bytes = await renderPlansPdf([{ ownerName, country: member?.country ?? null, content, version, updatedAt }], labels, labels.heading({ ownerName, country: member?.country ?? null, content, version, updatedAt }));
    return pdfResponse(bytes, `action-plan-${member?.country ?? 'xx'}-${ownerName}.pdf`);
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'forbidden')) return plainError(404);
    throw err;
  }
}
