import { readFile } from 'node:fs/promises';
import { currentUser } from '@/lib/auth/current-user';
import { allowedActor } from '@/lib/services/authorize';
import { hlsFile } from '@/server/streaming/hls';
import { plainError } from '@/app/_lib/plain-error';

/** GET: the watch-only stream's playlist and segments, for members of the session's event. */
export async function GET(_req: Request, { params }: { params: Promise<{ sessionId: string; file: string }> }) {
  const { sessionId, file } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  const path = hlsFile(sessionId, file);
  if (!path) return plainError(404);
  if (!(await allowedActor(user.id, { kind: 'session', id: sessionId }, 'session:join'))) return plainError(404);
  const body = await readFile(path).catch(() => null);
  if (!body) return plainError(404);
  const playlist = file.endsWith('.m3u8');
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
      // The playlist changes every segment; segments never change.
      'cache-control': playlist ? 'no-store' : 'private, max-age=60',
    },
  });
}
