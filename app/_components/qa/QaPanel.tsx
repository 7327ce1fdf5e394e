import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/domain/permissions';
import type { Role } from '@/lib/domain/roles';
import { QaAudience } from './QaAudience';

/** The session page's Q&A column: asking and voting, plus links to the console and displays for those who run them. */
export async function QaPanel({ slug, sessionId, role }: { slug: string; sessionId: string; role: Role }) {
  const t = await getTranslations('qa');
  const base = `/events/${slug}/sessions/${sessionId}/qa`;
  const moderate = can({ role }, 'qa:moderate');
  const display = can({ role }, 'qa:display');
  return (
    <div className="stack">
      {display && (
        <nav className="row qa-links" aria-label={t('linksLabel')}>
          {moderate && (
            <Link className="button secondary" href={base}>
              {t('openConsole')}
            </Link>
          )}
          <Link className="button secondary" href={`${base}/presenter`}>
            {t('openPresenter')}
          </Link>
          <Link className="button secondary" href={`${base}/display`}>
            {t('openDisplay')}
          </Link>
        </nav>
      )}
      <QaAudience sessionId={sessionId} />
    </div>
  );
}
