import { currentUser } from '@/lib/auth/current-user';
import { watchableRecording } from '@/lib/services/recording-access';
import { recordingFileResponse } from '@/server/recording/recording-response';
import { plainError } from '@/app/_lib/plain-error';

/** GET: a recording's MP4 (on disk or in object storage), with range requests; `?download=1` saves it; `?t=` is a public link's secret. */
export async function GET(req: Request, { params }: { params: Promise<{ recordingId: string }> }) {
  const { recordingId } = await params;
  const url = new URL(req.url);
  const user = await currentUser();
  const row = await watchableRecording(recordingId, user?.id ?? null, url.searchParams.get('t'));
  if (!row?.storageKey) return plainError(404);
  const date = row.startedAt.toISOString().slice(0, 10);
  const response = await recordingFileResponse(row.storageKey, req.headers.get('range'), {
    filename: `balai-recording-${date}-${row.id.slice(0, 8)}.mp4`,
    download: url.searchParams.get('download') === '1',
  });
  return response ?? plainError(404);
}
