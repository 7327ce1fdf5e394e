import { connectionLogCsv } from '@/lib/services/attendance-detail';
import { eventDownload } from '@/app/_lib/event-download';

/** Every join and leave (and the hall evidence) as CSV, one row per stay (organizers only). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return eventDownload((await params).slug, async (userId, eventId) => {
    const { filename, csv } = await connectionLogCsv(userId, eventId);
    return { filename, body: csv, type: 'text/csv; charset=utf-8' };
  });
}
