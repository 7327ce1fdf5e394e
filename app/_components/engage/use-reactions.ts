'use client';
import { useEffect, useRef, useState } from 'react';
import type { ReactionEmoji } from '@/lib/domain/reactions';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request } from '../../_lib/realtime-client';

export interface FloatingReaction {
  key: number;
  emoji: ReactionEmoji;
  count: number;
  /** Horizontal position in percent, so a burst spreads out. */
  left: number;
}

/** How long one floating reaction stays (the CSS animation's length). */
export const FLOAT_MS = 2600;
/** At most this many on screen: a stadium's applause is a few emojis with counts, not a thousand nodes. */
const MAX_ON_SCREEN = 24;

/**
 * The reactions of one session as short-lived floats. `join` asks the server
 * for the session's reactions (a person's stage or the staff display); the
 * projector's display link is joined to them by `display:join` instead.
 */
export function useReactionFloats(sessionId: string, join: boolean): FloatingReaction[] {
  const [floats, setFloats] = useState<FloatingReaction[]>([]);
  const next = useRef(0);

  useEffect(() => {
    const socket = realtime();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const doJoin = () => void request('reaction:join', { sessionId });
    const onBurst = (b: ServerEventPayload<'reaction:burst'>) => {
      if (b.sessionId !== sessionId) return;
      // One float per emoji in the burst, with its count when more than one arrived together.
      const added = (Object.entries(b.counts) as [ReactionEmoji, number][]).map(([emoji, count]) => ({
        key: next.current++,
        emoji,
        count,
        left: 5 + Math.random() * 70,
      }));
      setFloats((prev) => [...prev, ...added].slice(-MAX_ON_SCREEN));
      const t = setTimeout(() => {
        timers.delete(t);
        const gone = new Set(added.map((a) => a.key));
        setFloats((prev) => prev.filter((f) => !gone.has(f.key)));
      }, FLOAT_MS);
      timers.add(t);
    };
    socket.on('reaction:burst', onBurst);
    if (join) {
      socket.on('connect', doJoin);
      if (socket.connected) doJoin();
    }
    return () => {
      socket.off('reaction:burst', onBurst);
      socket.off('connect', doJoin);
      for (const t of timers) clearTimeout(t);
      if (join) void request('reaction:leave', { sessionId });
    };
  }, [sessionId, join]);

  return floats;
}
