import { currentUser } from '@/lib/auth/current-user';
import { DomainError } from '@/lib/errors';
import { exportPollsCsv } from '@/lib/services/poll-export';
import { plainError } from '@/app/_lib/plain-error';
import { isUuid } from '@/lib/domain/ids';

/** GET: the session's poll answers as CSV (read-only; organizers and moderators), beside the Q&A export. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  if (!isUuid(sessionId)) return plainError(404);
  try {
    const { filename, csv } = await exportPollsCsv(user.id, sessionId);
    return new Response(csv, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
    });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'forbidden' || err.code === 'not_found')) return plainError(404);
    throw err;
  }
}
