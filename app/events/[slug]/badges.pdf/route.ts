import { currentUser } from '@/lib/auth/current-user';
import { findEventBySlug } from '@/lib/db/queries/programme';
import { badgeSheetPdf } from '@/lib/services/badges';
import { DomainError } from '@/lib/errors';
import { plainError } from '@/app/_lib/plain-error';
import { requestLocale } from '@/app/_lib/form-errors';

/** The badge sheet for the whole in-hall list (organizers only). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  const event = await findEventBySlug(slug);
  if (!event) return plainError(404);
  try {
    const { filename, pdf } = await badgeSheetPdf(user.id, event.id, await requestLocale());
    return new Response(Buffer.from(pdf), {
      headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'private, no-store' },
    });
  } catch (err) {
    if (err instanceof DomainError) return plainError(404);
    throw err;
  }
}
