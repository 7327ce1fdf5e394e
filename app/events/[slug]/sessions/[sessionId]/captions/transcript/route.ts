import { currentUser } from '@/lib/auth/current-user';
import { transcriptOf } from '@/lib/db/queries/captions';
import { DomainError } from '@/lib/errors';
import { transcriptText, transcriptVtt } from '@/lib/services/captions';
import { findSession } from '@/lib/db/queries/programme';
import { authorize } from '@/lib/services/authorize';
import { plainError } from '@/app/_lib/plain-error';
import { isUuid } from '@/lib/domain/ids';

/** GET ?format=vtt|txt: the session's caption transcript (members of the event). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { sessionId } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  if (!isUuid(sessionId)) return plainError(404);
  const format = new URL(req.url).searchParams.get('format') === 'txt' ? 'txt' : 'vtt';
  try {
    await authorize(user.id, { kind: 'session', id: sessionId }, 'session:join');
    const [found, rows] = await Promise.all([findSession(sessionId), transcriptOf(sessionId)]);
    if (!found) return plainError(404);
    const body = format === 'vtt' ? transcriptVtt(rows) : transcriptText(rows, found.event.timeZone);
    return new Response(body, {
      headers: {
        'content-type': format === 'vtt' ? 'text/vtt; charset=utf-8' : 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="captions-${sessionId.slice(0, 8)}.${format}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'forbidden' || err.code === 'not_found')) return plainError(404);
    throw err;
  }
}
