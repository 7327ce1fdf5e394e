'use client';
import { useCallback, useEffect, useState } from 'react';
import type { HandState, RaisedHand } from '@/lib/contracts/hands';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request, listen } from '../../_lib/realtime-client';

export interface Hands {
  /** When my hand went up, or null. */
  mine: string | null;
  queue: RaisedHand[] | null;
  can: HandState['can'];
  invited: boolean;
  error: string | null;
  toggle(): Promise<void>;
  lower(userId: string): Promise<void>;
  invite(userId: string): Promise<void>;
}

/** The browser's mirror of a session's raised hands: a snapshot on every (re)connect, then notices. */
export function useHands(sessionId: string): Hands {
  const [mine, setMine] = useState<string | null>(null);
  const [queue, setQueue] = useState<RaisedHand[] | null>(null);
  const [can, setCan] = useState<HandState['can']>({ manage: false });
  const [invited, setInvited] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const join = async () => {
      const res = await request('hand:join', { sessionId });
      if (cancelled) return;
      if (!res.ok) return setError(res.error.message);
      setMine(res.data.mine);
      setQueue(res.data.queue);
      setCan(res.data.can);
    };
    const onMine = (p: ServerEventPayload<'hand:mine'>) => p.sessionId === sessionId && setMine(p.raisedAt);
    const onQueue = (p: ServerEventPayload<'hand:queue'>) => p.sessionId === sessionId && setQueue(p.queue);
    const onInvited = (p: ServerEventPayload<'hand:invited'>) => p.sessionId === sessionId && setInvited(true);
    const unlisten = listen(socket, { connect: join, 'hand:mine': onMine, 'hand:queue': onQueue, 'hand:invited': onInvited });
    if (socket.connected) void join();
    return () => {
      cancelled = true;
      unlisten();
    };
  }, [sessionId]);

  const report = (res: { ok: boolean; error?: { message: string } }) => setError(res.ok ? null : (res.error?.message ?? null));
  const toggle = useCallback(async () => {
    const res = await request('hand:raise', { sessionId, raised: mine === null });
    if (res.ok) setMine(res.data.raisedAt);
    report(res);
  }, [sessionId, mine]);
  const lower = useCallback(async (userId: string) => report(await request('hand:lower', { sessionId, userId })), [sessionId]);
  const invite = useCallback(async (userId: string) => report(await request('hand:invite', { sessionId, userId })), [sessionId]);
  return { mine, queue, can, invited, error, toggle, lower, invite };
}

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * Keyboard H raises or lowers the hand. Exported for the stage's control bar;
 * ignored while typing (chat, questions) and with a modifier held.
 */
export function useHandShortcut(toggle: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'h' && e.key !== 'H') return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
      e.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, enabled]);
}
