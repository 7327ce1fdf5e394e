import Link from 'next/link';
import { AttendanceNav } from '../../../../../_attend/AttendanceNav';
import { getTranslations } from 'next-intl/server';
import { QaModeratorConsole } from '../../../../../_components/qa/QaModeratorConsole';
import { loadQaSession } from '../../../../../_components/qa/load-session';

export async function generateMetadata() {
  const t = await getTranslations('qa');
  return { title: t('consoleTitle') };
}

export default async function QaConsolePage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const base = `/events/${slug}/sessions/${sessionId}`;
  const { session, event, member } = await loadQaSession(slug, sessionId, `${base}/qa`, 'qa:moderate');
  const t = await getTranslations('qa');
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={base}>← {session.title}</Link>
      </p>
      <h1 style={{ margin: 0 }}>{t('consoleTitle')}</h1>
      <QaModeratorConsole sessionId={sessionId} exportHref={`${base}/qa/export`} displayHref={`${base}/qa/display`} />
    </div>
  );
}
