'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { REACTION_EMOJIS, type ReactionEmoji } from '@/lib/domain/reactions';
import { request } from '../../_lib/realtime-client';
import { useHydrated } from '../../_lib/use-hydrated';
import styles from './engage.module.css';

const NAMES: Record<ReactionEmoji, string> = { '👏': 'clap', '❤️': 'heart', '😂': 'laugh', '👍': 'thumbsUp', '🎉': 'celebrate', '🤔': 'thinking' };

/** The six reactions; the server rate-limits, and the bar waits out the retry-after it is given. */
export function ReactionBar({ sessionId }: { sessionId: string }) {
  const t = useTranslations('engage');
  const [pausedUntil, setPausedUntil] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const paused = pausedUntil > 0;
  // A tap before the page is hydrated would be lost without a word.
  const ready = useHydrated();

  useEffect(() => {
    if (!pausedUntil) return;
    const timer = setTimeout(() => setPausedUntil(0), Math.max(0, pausedUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [pausedUntil]);

  const react = async (emoji: ReactionEmoji) => {
    const res = await request('reaction:send', { sessionId, emoji });
    if (res.ok) return setError(null);
    if (res.error.code === 'rate_limited') {
      setPausedUntil(Date.now() + (res.error.retryAfterMs ?? 1000));
      setError(t('slowDown'));
    } else setError(res.error.message);
  };

  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className={styles.bar} role="group" aria-label={t('reactions')}>
        {REACTION_EMOJIS.map((e) => (
          <button key={e} type="button" className={styles.emoji} onClick={() => void react(e)} disabled={paused || !ready} aria-label={t(`reaction.${NAMES[e]}`)} title={t(`reaction.${NAMES[e]}`)}>
            <span aria-hidden="true">{e}</span>
          </button>
        ))}
      </div>
      <p className={`${styles.note} muted`} role="status" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}
