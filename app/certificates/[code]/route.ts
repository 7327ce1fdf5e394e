import { currentUser } from '@/lib/auth/current-user';
import { certificateForDownload, certificatePdf } from '@/lib/services/certificates';
import { DomainError } from '@/lib/errors';
import { plainError } from '@/app/_lib/plain-error';
import { requestLocale } from '@/app/_lib/form-errors';
import { isLocale } from '@/lib/i18n/locales';

/** A certificate's PDF, for its holder and the event's staff, in the reader's language. Anyone can verify the code at /verify/<code>. */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  try {
    const cert = await certificateForDownload(user.id, code);
    // ?lang=en|id prints it in another language than the page's (an English copy for a funder, say).
    const lang = new URL(req.url).searchParams.get('lang');
    const pdf = await certificatePdf(cert, isLocale(lang) ? lang : await requestLocale());
    return new Response(Buffer.from(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="certificate-${cert.code}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (err) {
    if (err instanceof DomainError) return plainError(404);
    throw err;
  }
}
