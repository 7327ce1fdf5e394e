'use client';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { formatStamp } from '@/lib/i18n/format';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PlanCommentView, PlanSection } from '@/lib/contracts/plans';
import { realtime, request, listen } from '../../../_lib/realtime-client';
import { CommentForm } from './CommentForm';

interface CommentsStore {
  planId: string;
  comments: PlanCommentView[];
  /** Marks a comment id as being posted from this page, so its arrival is not announced as someone else's. */
  posting(id: string): void;
  /** Adds the comment the server acked for this page's own post. */
  posted(comment: PlanCommentView): void;
}

const Ctx = createContext<CommentsStore | null>(null);

function useComments(): CommentsStore {
  const store = useContext(Ctx);
  if (!store) throw new Error('Plan comments are rendered inside PlanCommentsProvider.');
  return store;
}

/** Union by comment id, oldest first: the server's list, its notices and this page's own posts may overlap. */
function merge(current: PlanCommentView[], incoming: PlanCommentView[]): PlanCommentView[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  let changed = false;
  for (const c of incoming) {
    if (byId.has(c.id)) continue;
    byId.set(c.id, c);
    changed = true;
  }
  if (!changed) return current;
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Holds one plan's comments for every section on the page and keeps them live:
 * it watches the plan over the tab's socket (again after every reconnect, merging
 * the acked list, so comments posted while offline appear), and adds each
 * `plan:commented` notice once, by id. Comments by others are announced in a
 * polite live region.
 */
export function PlanCommentsProvider(props: { planId: string; initial: PlanCommentView[]; children: ReactNode }) {
  const t = useTranslations('plans');
  const { planId, initial } = props;
  const [comments, setComments] = useState(initial);
  // 'connecting' until the first watch is acked, so nothing flashes "offline" on load.
  const [status, setStatus] = useState<'connecting' | 'live' | 'offline'>('connecting');
  const [announcement, setAnnouncement] = useState('');
  const known = useRef(new Set(initial.map((c) => c.id)));
  const mine = useRef(new Set<string>());

  // A server refresh (e.g. after saving sharing) hands in a new initial list: merge, never drop live ones.
  useEffect(() => {
    for (const c of initial) known.current.add(c.id);
    setComments((prev) => merge(prev, initial));
  }, [initial]);

  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const socket = realtime();
    let active = true;
    const watch = async () => {
      const res = await request('plan:watch', { planId });
      if (!active) return;
      setStatus(res.ok ? 'live' : 'offline');
      if (!res.ok) return;
      for (const c of res.data.comments) known.current.add(c.id);
      setComments((prev) => merge(prev, res.data.comments));
    };
    const onCommented = (c: PlanCommentView) => {
      if (c.planId !== planId || known.current.has(c.id)) return;
      known.current.add(c.id);
      setComments((prev) => merge(prev, [c]));
      if (!mine.current.has(c.id)) {
        setAnnouncement(tRef.current('comments.new', { name: c.authorName ?? '—', section: tRef.current(`sections.${c.section}`) }));
      }
    };
    const onDisconnect = () => setStatus('offline');
    const onConnect = () => void watch();
    const unlisten = listen(socket, { connect: onConnect, disconnect: onDisconnect, 'plan:commented': onCommented });
    if (socket.connected) void watch();
    return () => {
      active = false;
      unlisten();
      // Tidiness only: a notice for a plan this page no longer shows is ignored above, and the server re-checks access.
      void request('plan:unwatch', { planId });
    };
  }, [planId]);

  const posting = useCallback((id: string) => {
    mine.current.add(id);
  }, []);
  const posted = useCallback((c: PlanCommentView) => {
    known.current.add(c.id);
    setComments((prev) => merge(prev, [c]));
  }, []);
  const store = useMemo(() => ({ planId, comments, posting, posted }), [planId, comments, posting, posted]);

  return (
    <Ctx.Provider value={store}>
      <div className="stack" data-comments-live={status}>
        {status === 'offline' && (
          <p className="alert warn" style={{ margin: 0 }}>
            {t('comments.notLive')}
          </p>
        )}
        {props.children}
        <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>
      </div>
    </Ctx.Provider>
  );
}

/** On the author's page only commented sections are shown: one appears when its first comment arrives. */
export function CommentedSection(props: { section: PlanSection; onlyCommented: boolean; children: ReactNode }) {
  // Without comments (an old version is shown) there is no store, and every section is shown.
  const store = useContext(Ctx);
  if (store && props.onlyCommented && !store.comments.some((c) => c.section === props.section)) return null;
  return <>{props.children}</>;
}

export function NoCommentsYet() {
  const t = useTranslations('plans');
  const { comments } = useComments();
  return comments.length === 0 ? <p className="muted">{t('comments.none')}</p> : null;
}

/** One section's comments and, for those who may comment, the form. */
export function SectionComments(props: { section: PlanSection; sectionLabel: string; canComment: boolean }) {
  const t = useTranslations('plans');
  const locale = useLocale();
  const timeZone = useTimeZone();
  const store = useComments();
  const comments = store.comments.filter((c) => c.section === props.section);
  const listName = t('comments.on', { section: props.sectionLabel });
  return (
    <div className="plans-comments">
      <h3 style={{ margin: 0 }}>{listName}</h3>
      {comments.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('comments.none')}
        </p>
      ) : (
        <ul aria-label={listName}>
          {comments.map((c) => (
            <li key={c.id}>
              <p className="plans-text" style={{ margin: 0 }}>
                {c.body}
              </p>
              <small className="muted">
                {t('comments.by', { name: c.authorName ?? '—', time: formatStamp(new Date(c.createdAt), locale, timeZone) })}
              </small>
            </li>
          ))}
        </ul>
      )}
      {props.canComment && (
        <CommentForm planId={store.planId} section={props.section} sectionLabel={props.sectionLabel} onPosting={store.posting} onPosted={store.posted} />
      )}
    </div>
  );
}
