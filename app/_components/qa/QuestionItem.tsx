'use client';
import { useTranslations } from 'next-intl';
import type { QuestionView } from '@/lib/contracts/qa';

/** Author and origin line; an anonymous question shows no name to those who may not know it. */
export function QuestionMeta({ q, showCountry = false }: { q: QuestionView; showCountry?: boolean }) {
  const t = useTranslations('qa');
  return (
    <span className="qa-meta">
      <span>{q.authorName ?? t('anonymous')}</span>
      {q.anonymous && q.authorName && <span className="badge">{t('anonymousBadge')}</span>}
      <span className={`badge qa-origin-${q.origin}`}>{q.origin === 'in_person' ? t('originHall') : t('originOnline')}</span>
      {showCountry && q.country && <span className="badge">{q.country}</span>}
      {q.status === 'answered' && <span className="badge qa-answered">{t('statusAnswered')}</span>}
    </span>
  );
}

/** Question text is always rendered as text (React escapes it); line breaks are kept by CSS. */
export function QuestionText({ text, className = 'qa-text' }: { text: string; className?: string }) {
  return <p className={className}>{text}</p>;
}
