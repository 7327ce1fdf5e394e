'use client';
import { useCallback, useEffect, useState } from 'react';
import type { WatchState } from '@/lib/contracts/streaming';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request } from '../../_lib/realtime-client';

/** Whether the session's watch-only stream runs (asked on every connect and whenever it changes). */
export function useWatch(sessionId: string) {
  const [state, setState] = useState<WatchState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await request('watch:get', { sessionId });
    if (res.ok) setState(res.data);
  }, [sessionId]);
  useEffect(() => {
    const socket = realtime();
    const onChanged = (p: ServerEventPayload<'watch:changed'>) => p.sessionId === sessionId && void load();
    socket.on('connect', load);
    socket.on('watch:changed', onChanged);
    if (socket.connected) void load();
    return () => {
      socket.off('connect', load);
      socket.off('watch:changed', onChanged);
    };
  }, [sessionId, load]);
  const setEnabled = useCallback(
    async (on: boolean) => {
      const res = on ? await request('watch:enable', { sessionId }) : await request('watch:disable', { sessionId });
      setError(res.ok ? null : res.error.message);
      if (res.ok) setState(res.data);
    },
    [sessionId],
  );
  return { state, error, setEnabled };
}
