import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findSession } from '@/lib/db/queries/programme';
import { interpretersOf } from '@/lib/db/queries/interpretation';
import { loadEventFor } from '../../../../../_lib/event-access';
import { AttendanceNav } from '../../../../../_attend/AttendanceNav';
import { InterpreterConsole } from '../../../../../_components/interpretation/InterpreterConsole';
import { isUuid } from '@/lib/domain/ids';

export async function generateMetadata() {
  return { title: (await getTranslations('language'))('consoleMeta') };
}

/** An interpreter's booth: the floor and the stage in, their voice out into their channel only. */
export default async function InterpreterPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const { event, user, member } = await loadEventFor(slug, `/events/${slug}/sessions/${sessionId}/interpret`, 'session:join');
  const found = isUuid(sessionId) ? await findSession(sessionId) : undefined;
  if (!found || found.event.id !== event.id) notFound();
  const t = await getTranslations('language');
  const mine = (await interpretersOf(sessionId)).filter((i) => i.userId === user.id);
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={`/events/${event.slug}/sessions/${sessionId}`}>← {found.session.title}</Link>
      </p>
      <h1 style={{ margin: 0 }}>{t('consoleTitle')}</h1>
      {mine.length === 0 ? (
        <p className="alert">{t('notInterpreter')}</p>
      ) : (
        <section className="card">
          <p style={{ marginTop: 0 }}>{t('consoleIntro')}</p>
          <InterpreterConsole sessionId={sessionId} />
        </section>
      )}
    </div>
  );
}
