import { notFound } from 'next/navigation';
import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { getTranslations } from 'next-intl/server';
import { resolveDisplayToken } from '@/lib/services/display-links';
import { findSession } from '@/lib/db/queries/programme';
import { DisplayBoard } from '../../_components/polls/DisplayBoard';
import { DisplayCaptions } from '../../_components/captions/DisplayCaptions';
import { DisplaySignPin } from '../../_components/interpretation/DisplaySignPin';

export async function generateMetadata() {
  const t = await getTranslations('polls');
  // The token is the key to this page: never send it on in a Referer header.
  return { title: t('displayTitle'), referrer: 'no-referrer' as const, robots: { index: false, follow: false } };
}

async function publicOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const h = await headers();
  return `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host')}`;
}

/**
 * The projector's page, opened with a display link: no account, read-only,
 * one session's public content (approved questions, the highlighted one,
 * polls a moderator put on the display, the sign-language interpreter's video,
 * captions when the organizer shows them there). An unknown or revoked link is a 404.
 */
export default async function DisplayPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await resolveDisplayToken(token);
  if (!link) notFound();
  const found = await findSession(link.sessionId);
  if (!found) notFound();
  const origin = await publicOrigin();
  const target = `${origin}/j/${found.event.joinCode}?next=${encodeURIComponent(`/q/${link.sessionId}`)}`;
  const qrDataUrl = await QRCode.toDataURL(target, { margin: 1, width: 360, errorCorrectionLevel: 'M' });
  return (
    <>
      <DisplayBoard
        token={token}
        sessionId={link.sessionId}
        title={found.session.title}
        qrDataUrl={qrDataUrl}
        shortUrl={`${origin.replace(/^https?:\/\//, '')}/j/${found.event.joinCode}`}
        code={found.event.joinCode}
      />
      <DisplayCaptions sessionId={link.sessionId} />
      <DisplaySignPin />
    </>
  );
}
