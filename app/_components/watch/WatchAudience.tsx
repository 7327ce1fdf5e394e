'use client';
import { useCallback, useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { WatchInvitation } from '@/lib/contracts/watchers';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request } from '../../_lib/realtime-client';
import { HandToggle } from '../engage/HandToggle';
import { useHands } from '../engage/use-hands';
import styles from './watch.module.css';

/**
 * The watch page's way into the call: the page counts as watching (moderators see it), the
 * viewer can raise a hand, and a moderator's invitation appears here. Accepting goes to the
 * session page, where the normal join asks for camera and microphone; declining keeps watching.
 */
export function WatchAudience({ sessionId, sessionHref }: { sessionId: string; sessionHref: string }) {
  const t = useTranslations('watchers');
  const router = useRouter();
  const hands = useHands(sessionId);
  const [invitation, setInvitation] = useState<WatchInvitation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket = realtime();
    const attend = async () => {
      const res = await request('watch:attend', { sessionId });
      if (!res.ok) return setError(res.error.message);
      setInvitation(res.data.invitation);
    };
    const onInvited = (p: ServerEventPayload<'watch:invited'>) => p.sessionId === sessionId && setInvitation(p.invitation);
    socket.on('connect', attend);
    socket.on('watch:invited', onInvited);
    if (socket.connected) void attend();
    return () => {
      socket.off('connect', attend);
      socket.off('watch:invited', onInvited);
      void request('watch:leave', { sessionId });
    };
  }, [sessionId]);

  const answer = useCallback(
    async (accept: boolean) => {
      if (!invitation) return;
      setBusy(true);
      const res = await request('watch:answer', { sessionId, invitationId: invitation.id, accept });
      setBusy(false);
      if (!res.ok) return setError(res.error.message);
      setError(null);
      if (accept) router.push(sessionHref);
      else setInvitation(null);
    },
    [invitation, router, sessionHref, sessionId],
  );

  return (
    <section className={styles.panel} aria-labelledby="watch-audience-title">
      <h2 id="watch-audience-title">{t('takePart')}</h2>
      <HandToggle hands={hands} />
      {invitation?.status === 'pending' && (
        <div role="alertdialog" aria-labelledby="watch-invited-title" aria-describedby="watch-invited-text" className={styles.invitation}>
          <h3 id="watch-invited-title">{t('invitedTitle')}</h3>
          <p id="watch-invited-text">{t('invitedText', { name: invitation.invitedBy })}</p>
          <div className="row">
            {/* The invitation is what the person came to answer: the first button takes the focus. */}
            <button type="button" autoFocus disabled={busy} onClick={() => void answer(true)}>
              {t('accept')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void answer(false)}>
              {t('decline')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
