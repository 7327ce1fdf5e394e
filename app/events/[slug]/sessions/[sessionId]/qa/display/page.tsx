import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { getTranslations } from 'next-intl/server';
import { QaRoomDisplay } from '../../../../../../_components/qa/QaRoomDisplay';
import { loadQaSession } from '../../../../../../_components/qa/load-session';

export async function generateMetadata() {
  const t = await getTranslations('qa');
  return { title: t('displayTitle') };
}

/** Where the public reaches this server: NEXTAUTH_URL when set (behind a proxy), else the request's host. */
async function publicOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const h = await headers();
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${h.get('x-forwarded-host') ?? h.get('host')}`;
}

/** The venue projector's page: one stable URL per session, no interaction needed. */
export default async function QaDisplayPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, session } = await loadQaSession(slug, sessionId, `/events/${slug}/sessions/${sessionId}/qa/display`, 'qa:display');
  const origin = await publicOrigin();
  // The QR code opens the light phone page for this session, joining the event on the way.
  const target = `${origin}/j/${event.joinCode}?next=${encodeURIComponent(`/q/${sessionId}`)}`;
  const qrDataUrl = await QRCode.toDataURL(target, { margin: 1, width: 480, errorCorrectionLevel: 'M' });
  const shortUrl = `${origin.replace(/^https?:\/\//, '')}/j/${event.joinCode}`;
  return <QaRoomDisplay sessionId={sessionId} title={session.title} qrDataUrl={qrDataUrl} shortUrl={shortUrl} code={event.joinCode} />;
}
