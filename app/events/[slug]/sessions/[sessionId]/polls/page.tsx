import Link from 'next/link';
import { AttendanceNav } from '../../../../../_attend/AttendanceNav';
import { getTranslations } from 'next-intl/server';
import { listSessions } from '@/lib/db/queries/programme';
import { can } from '@/lib/domain/permissions';
import { PollManager } from '../../../../../_components/polls/PollManager';
import { DisplayLinks } from '../../../../../_components/polls/DisplayLinks';
import { loadQaSession } from '../../../../../_components/qa/load-session';

export async function generateMetadata() {
  const t = await getTranslations('polls');
  return { title: t('engagementTitle') };
}

/** The session's engagement panel: polls prepared and live, projector links, exports. */
export default async function EngagementPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const base = `/events/${slug}/sessions/${sessionId}`;
  const { session, event, member } = await loadQaSession(slug, sessionId, `${base}/polls`, 'poll:manage');
  const t = await getTranslations('polls');
  const sessions = (await listSessions(event.id)).map((s) => ({ id: s.id, title: s.title }));
  return (
    <div className="stack">
      <AttendanceNav slug={event.slug} role={member.role} />
      <p style={{ margin: 0 }}>
        <Link href={base}>← {session.title}</Link>
      </p>
      <h1 style={{ margin: 0 }}>{t('engagementTitle')}</h1>
      <nav className="row" aria-label={t('exports')}>
        <a className="button secondary" href={`${base}/polls/export`}>
          {t('exportPolls')}
        </a>
        {can({ role: member.role }, 'qa:export') && (
          <a className="button secondary" href={`${base}/qa/export`}>
            {t('exportQuestions')}
          </a>
        )}
        <Link className="button secondary" href={`${base}/qa`}>
          {t('qaConsole')}
        </Link>
      </nav>
      <div className="engagement-layout">
        <PollManager sessionId={sessionId} sessions={sessions} />
        {can({ role: member.role }, 'display:manage-links') && <DisplayLinks sessionId={sessionId} />}
      </div>
    </div>
  );
}
