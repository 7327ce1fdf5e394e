'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { QuestionView } from '@/lib/contracts/qa';

/**
 * A polite live region that tells screen-reader users when new questions
 * appear in the list they are looking at (not the ones already there when the
 * page loaded, not their own). Several at once are read as a count.
 */
export function NewQuestionsAnnouncer({ questions, ready }: { questions: readonly QuestionView[]; ready: boolean }) {
  const t = useTranslations('qa');
  const seen = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!ready) return;
    if (!seen.current) {
      seen.current = new Set(questions.map((q) => q.id));
      return;
    }
    const fresh = questions.filter((q) => !seen.current!.has(q.id));
    for (const q of fresh) seen.current.add(q.id);
    const others = fresh.filter((q) => !q.mine);
    if (others.length === 1) setMessage(t('newQuestion', { text: others[0]!.text }));
    else if (others.length > 1) setMessage(t('newQuestions', { count: others.length }));
  }, [questions, ready, t]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="qa-announcer">
      {message}
    </p>
  );
}
