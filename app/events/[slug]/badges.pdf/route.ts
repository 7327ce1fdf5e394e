import { currentUser } from '@/lib/auth/current-user';
import { findEventBySlug } from '@/lib/db/queries/programme';
import { badgeSheetPdf } from '@/lib/services/badges';
import { DomainError } from '@/lib/errors';

/** The badge sheet for the whole in-hall list (organizers only). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) return new Response('Sign in first.', { status: 401 });
  const event = await findEventBySlug(slug);
  if (!event) return new Response('Not found', { status: 404 });
  try {
    const { filename, pdf } = await badgeSheetPdf(user.id, event.id);
    return new Response(Buffer.from(pdf), {
      headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'private, no-store' },
    });
  } catch (err) {
    if (err instanceof DomainError) return new Response('Not found', { status: 404 });
    throw err;
  }
}
