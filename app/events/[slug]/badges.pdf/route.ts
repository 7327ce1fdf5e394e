import { badgeSheetPdf } from '@/lib/services/badges';
import { eventDownload } from '@/app/_lib/event-download';
import { requestLocale } from '@/app/_lib/form-errors';

/** The badge sheet for the whole in-hall list (organizers only), worded in the organizer's language. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return eventDownload((await params).slug, async (userId, eventId) => {
    const { filename, pdf } = await badgeSheetPdf(userId, eventId, await requestLocale());
    return { filename, body: pdf, type: 'application/pdf', disposition: 'inline' };
  });
}
