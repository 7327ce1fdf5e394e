import { currentUser } from '@/lib/auth/current-user';
import { findEventBySlug } from '@/lib/db/queries/programme';
import { DomainError } from '@/lib/errors';
import { plainError } from './plain-error';

export interface Download {
  filename: string;
  body: string | Uint8Array;
  type: 'text/csv; charset=utf-8' | 'application/pdf';
  /** PDFs open in the browser; data files are saved. */
  disposition?: 'attachment' | 'inline';
}

/**
 * One event's file for a signed-in person: the event from its slug, the file
 * from `make` (which checks the person's role). Any refusal is a 404, so a
 * download link gives no hint that the file exists.
 */
export async function eventDownload(slug: string, make: (userId: string, eventId: string) => Promise<Download>): Promise<Response> {
  const user = await currentUser();
  if (!user) return plainError(401);
  const event = await findEventBySlug(slug);
  if (!event) return plainError(404);
  try {
    const file = await make(user.id, event.id);
    const body = typeof file.body === 'string' ? file.body : Buffer.from(file.body);
    return new Response(body, {
      headers: {
        'content-type': file.type,
        'content-disposition': `${file.disposition ?? 'attachment'}; filename="${file.filename}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return plainError(404);
    throw err;
  }
}
