import { attendanceCsv } from '@/lib/services/attendance-report';
import { eventDownload } from '@/app/_lib/event-download';

/** Per-participant attendance as CSV (organizers only). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return eventDownload((await params).slug, async (userId, eventId) => {
    const { filename, csv } = await attendanceCsv(userId, eventId);
    return { filename, body: csv, type: 'text/csv; charset=utf-8' };
  });
}
