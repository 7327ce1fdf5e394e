'use client';
import { useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import type { PlanCommentView, PlanSection } from '@/lib/contracts/plans';
import { uuid } from '../../../_lib/uuid';
import { request } from '../../../_lib/realtime-client';

/**
 * The comment id is made once per draft and kept until the server acks it, so
 * pressing "Post" again after a timeout (the first request may still have
 * landed) cannot post it twice.
 */
export function CommentForm(props: {
  planId: string;
  section: PlanSection;
  sectionLabel: string;
  onPosting: (id: string) => void;
  onPosted: (comment: PlanCommentView) => void;
}) {
  const t = useTranslations('plans');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState(false);
  const [pending, startTransition] = useTransition();
  const id = useRef(uuid());
  return (
    <form
      className="stack plans-comment-form"
      aria-label={t('comments.add', { section: props.sectionLabel })}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setPosted(false);
        startTransition(async () => {
          props.onPosting(id.current);
          const result = await request('plan:comment', { id: id.current, planId: props.planId, section: props.section, body });
          if (result.ok) {
            props.onPosted(result.data);
            id.current = uuid();
            setBody('');
            setPosted(true);
          } else setError(result.error.message);
        });
      }}
    >
      <label>
        {t('comments.label', { section: props.sectionLabel })}
        <textarea value={body} rows={2} maxLength={4000} required onChange={(e) => setBody(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="secondary" disabled={pending || !body.trim()}>
          {t('comments.post')}
        </button>
        {posted && <span role="status">{t('comments.posted')}</span>}
        {error && (
          <span role="alert" className="alert error">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
