'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WatcherList } from '@/lib/contracts/watchers';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request, listen } from '../../_lib/realtime-client';
import { uuid } from '../../_lib/uuid';

/**
 * Organizers' and moderators' mirror of who watches the session's HLS stream: a snapshot on every
 * (re)connect, then the server's notices. Anyone else is refused by the server (`allowed: false`).
 */
export function useWatchers(sessionId: string) {
  const [allowed, setAllowed] = useState(false);
  const [list, setList] = useState<WatcherList>({ sessionId, count: 0, watchers: [] });
  const [error, setError] = useState<string | null>(null);
  /** One request id per person invited from this page, so a retried click never invites twice. */
  const clientIds = useRef(new Map<string, string>());

  const load = useCallback(async () => {
    const res = await request('watch:watchers', { sessionId });
    setAllowed(res.ok);
    if (res.ok) setList(res.data);
  }, [sessionId]);

  useEffect(() => {
    const socket = realtime();
    const onChanged = (p: ServerEventPayload<'watch:watchers-changed'>) => p.sessionId === sessionId && setList(p);
    // Hands are context in the list: a hand raised on the watch page shows at once.
    const onHands = (p: ServerEventPayload<'hand:queue'>) => p.sessionId === sessionId && void load();
    const unlisten = listen(socket, { connect: load, 'watch:watchers-changed': onChanged, 'hand:queue': onHands });
    if (socket.connected) void load();
    return unlisten;
  }, [sessionId, load]);

  const promote = useCallback(
    async (userId: string) => {
      let clientId = clientIds.current.get(userId);
      if (!clientId) clientIds.current.set(userId, (clientId = uuid()));
      const res = await request('watch:promote', { sessionId, userId, clientId });
      setError(res.ok ? null : res.error.message);
      if (!res.ok) return;
      // The next invitation of the same person (after a decline) is a new request.
      clientIds.current.delete(userId);
      setList((l) => ({ ...l, watchers: l.watchers.map((w) => (w.userId === userId ? { ...w, invitation: res.data.invitation.status } : w)) }));
    },
    [sessionId],
  );
  return { allowed, list, error, promote };
}
