import { currentUser } from '@/lib/auth/current-user';
import { findEventBySlug } from '@/lib/db/queries/programme';
import { connectionLogCsv } from '@/lib/services/attendance-detail';
import { DomainError } from '@/lib/errors';
import { plainError } from '@/app/_lib/plain-error';

/** Every join and leave (and the hall evidence) as CSV, one row per stay (organizers only). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  const event = await findEventBySlug(slug);
  if (!event) return plainError(404);
  try {
    const { filename, csv } = await connectionLogCsv(user.id, event.id);
    return new Response(csv, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' },
    });
  } catch (err) {
    if (err instanceof DomainError) return plainError(404);
    throw err;
  }
}
