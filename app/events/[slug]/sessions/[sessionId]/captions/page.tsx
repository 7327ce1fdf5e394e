import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findSession } from '@/lib/db/queries/programme';
import { isCaptioner, sessionLanguagesOf } from '@/lib/db/queries/interpretation';
import { loadEventFor } from '../../../../../_lib/event-access';
import { AttendanceNav } from '../../../../../_attend/AttendanceNav';
import { CaptionConsole } from '../../../../../_components/captions/CaptionConsole';
import { isUuid } from '@/lib/domain/ids';

export async function generateMetadata() {
  return { title: (await getTranslations('language'))('captionConsole') };
}

/** The captioner's console, and the transcript downloads for every member. */
export default async function CaptionsPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, user, member } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}/captions`, 'session:join');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const t = await getTranslations('language');
  const [captioner, languages] = await Promise.all([isCaptioner(sessionId, user.id), sessionLanguagesOf(sessionId)]);
  const base = `/events/${event.slug}/sessions/${sessionId}/captions/transcript`;
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}/sessions/${sessionId}`}>← {found.session.title}</Link>
      </p>
      <h1 style={{ margin: 0 }}>{t('captionConsole')}</h1>
      <p className="row" style={{ margin: 0 }}>
        <a href={`${base}?format=vtt`}>{t('transcriptVtt')}</a> <a href={`${base}?format=txt`}>{t('transcriptText')}</a>
      </p>
      <section className="card">
        {captioner ? <CaptionConsole sessionId={sessionId} defaultLanguage={languages?.floorLanguage ?? 'en'} selfName={user.name} /> : <p>{t('notCaptioner')}</p>}
      </section>
    </div>
  );
}
