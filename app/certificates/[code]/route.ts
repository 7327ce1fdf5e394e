import { currentUser } from '@/lib/auth/current-user';
import { certificateForDownload, certificatePdf } from '@/lib/services/certificates';
import { DomainError } from '@/lib/errors';
import { plainError } from '@/app/_lib/plain-error';

/** A certificate's PDF, for its holder and the event's staff. Anyone can verify the code at /verify/<code>. */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const user = await currentUser();
  if (!user) return plainError(401);
  try {
    const cert = await certificateForDownload(user.id, code);
    const pdf = await certificatePdf(cert);
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
