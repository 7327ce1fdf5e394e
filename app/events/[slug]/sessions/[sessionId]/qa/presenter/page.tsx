import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { QaPresenterView } from '../../../../../../_components/qa/QaPresenterView';
import { loadQaSession } from '../../../../../../_components/qa/load-session';

export async function generateMetadata() {
  const t = await getTranslations('qa');
  return { title: t('presenterTitle') };
}

export default async function QaPresenterPage({ params }: { params: Promise<{ slug: string; sessionId: string }> }) {
  const { slug, sessionId } = await params;
  const base = `/events/${slug}/sessions/${sessionId}`;
  const { session } = await loadQaSession(slug, sessionId, `${base}/qa/presenter`, 'qa:display');
  const t = await getTranslations('qa');
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>
        <Link href={base}>← {session.title}</Link>
      </p>
      <h1 style={{ margin: 0 }}>{t('presenterTitle')}</h1>
      <QaPresenterView sessionId={sessionId} />
    </div>
  );
}
