'use client';
import { useCallback, useEffect, useState } from 'react';
import type { LobbyState } from '@/lib/contracts/lobby';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request, listen } from '../../_lib/realtime-client';

export type LobbyView = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; state: LobbyState };

/** The browser's mirror of a session's lobby: a snapshot on every (re)connect and whenever the switch moves, then notices. */
export function useLobby(sessionId: string) {
  const [view, setView] = useState<LobbyView>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const join = async () => {
      const res = await request('lobby:join', { sessionId });
      if (cancelled) return;
      setView(res.ok ? { kind: 'ready', state: res.data } : { kind: 'error', message: res.error.message });
    };
    const update = (f: (s: LobbyState) => LobbyState) => setView((v) => (v.kind === 'ready' ? { kind: 'ready', state: f(v.state) } : v));
    // Switching the lobby changes where everyone stands: ask again rather than guess.
    const onChanged = (p: ServerEventPayload<'lobby:changed'>) => p.sessionId === sessionId && void join();
    const onWaiting = (p: ServerEventPayload<'lobby:waiting'>) => p.sessionId === sessionId && update((s) => ({ ...s, waiting: s.waiting ? p.waiting : null }));
    const onDecided = (p: ServerEventPayload<'lobby:decided'>) => p.sessionId === sessionId && update((s) => ({ ...s, me: { standing: p.standing, message: p.message } }));
    const unlisten = listen(socket, { connect: join, 'lobby:changed': onChanged, 'lobby:waiting': onWaiting, 'lobby:decided': onDecided });
    if (socket.connected) void join();
    return () => {
      cancelled = true;
      unlisten();
    };
  }, [sessionId]);

  const report = (res: { ok: boolean; error?: { message: string } }) => setError(res.ok ? null : (res.error?.message ?? null));
  const setEnabled = useCallback(async (enabled: boolean) => {
    const res = await request('lobby:set', { sessionId, enabled });
    if (res.ok) setView((v) => (v.kind === 'ready' ? { kind: 'ready', state: { ...v.state, enabled: res.data.enabled } } : v));
    report(res);
  }, [sessionId]);
  const admit = useCallback(async (userIds: string[] | 'all') => report(await request('lobby:admit', { sessionId, userIds })), [sessionId]);
  const deny = useCallback(async (userId: string, message: string) => {
    const res = await request('lobby:deny', { sessionId, userId, message });
    report(res);
    return res.ok;
  }, [sessionId]);
  return { view, error, setEnabled, admit, deny };
}
