import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/domain/permissions';
import type { Role } from '@/lib/domain/roles';
import { PollAudience } from './PollAudience';

/** The session page's polls: answering for everyone, a link to the engagement panel for those who run it. */
export async function PollPanel({ slug, sessionId, role }: { slug: string; sessionId: string; role: Role }) {
  const t = await getTranslations('polls');
  return (
    <div className="stack">
      {can({ role }, 'poll:manage') && (
        <nav className="row" aria-label={t('engagementTitle')}>
          <Link className="button secondary" href={`/events/${slug}/sessions/${sessionId}/polls`}>
            {t('openEngagement')}
          </Link>
        </nav>
      )}
      <PollAudience sessionId={sessionId} />
    </div>
  );
}
