'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BreakoutState } from '@/lib/contracts/breakouts';
import { realtime, request } from '@/app/_lib/realtime-client';

export type SyncStatus = { kind: 'loading' } | { kind: 'live' } | { kind: 'reconnecting' } | { kind: 'error'; message: string };

export interface Broadcast {
  message: string;
  from: string;
  at: string;
}

/**
 * The session's breakouts as the server sees them. Syncs on mount, on every
 * (re)connect and on every `breakout:changed`; the sync itself puts this tab
 * in its room, so a reload, a reconnect or a server restart lands the person
 * where the database says. `offsetMs` is server time minus local time.
 */
export function useBreakouts(sessionId: string) {
  const [state, setState] = useState<BreakoutState | null>(null);
  const [status, setStatus] = useState<SyncStatus>({ kind: 'loading' });
  const [offsetMs, setOffsetMs] = useState(0);
  const [broadcast, setBroadcast] = useState<Broadcast | null>(null);
  const seq = useRef(0);

  const sync = useCallback(async () => {
    const mine = ++seq.current;
    const sent = Date.now();
    const res = await request('breakout:sync', { sessionId });
    // A slow answer to an older sync must not overwrite a newer one.
    if (mine !== seq.current) return;
    if (!res.ok) {
      setStatus({ kind: 'error', message: res.error.message });
      return;
    }
    const received = Date.now();
    setOffsetMs(new Date(res.data.serverNow).getTime() - (sent + received) / 2);
    setState(res.data);
    setStatus({ kind: 'live' });
  }, [sessionId]);

  useEffect(() => {
    const socket = realtime();
    const onChanged = ({ sessionId: s }: { sessionId: string }) => {
      if (s === sessionId) void sync();
    };
    const onBroadcast = (b: { runId: string; message: string; from: string; at: string }) => setBroadcast({ message: b.message, from: b.from, at: b.at });
    const onDisconnect = () => setStatus({ kind: 'reconnecting' });
    socket.on('connect', sync);
    socket.on('disconnect', onDisconnect);
    socket.on('breakout:changed', onChanged);
    socket.on('breakout:broadcasted', onBroadcast);
    if (socket.connected) void sync();
    return () => {
      socket.off('connect', sync);
      socket.off('disconnect', onDisconnect);
      socket.off('breakout:changed', onChanged);
      socket.off('breakout:broadcasted', onBroadcast);
    };
  }, [sessionId, sync]);

  // The last broadcast of the run, for people who arrived after it was sent.
  const shown = broadcast ?? (state?.run?.lastBroadcast ? { ...state.run.lastBroadcast, from: '' } : null);
  return { state, status, offsetMs, broadcast: state?.run ? shown : null, sync };
}

/** Seconds left until `iso` on the server's clock, ticking once a second. */
export function useSecondsLeft(iso: string | null | undefined, offsetMs: number): number | null {
  const compute = useCallback(() => (iso ? Math.max(0, Math.ceil((new Date(iso).getTime() - (Date.now() + offsetMs)) / 1000)) : null), [iso, offsetMs]);
  const [left, setLeft] = useState(compute);
  useEffect(() => {
    setLeft(compute());
    if (!iso) return;
    const timer = setInterval(() => setLeft(compute()), 1000);
    return () => clearInterval(timer);
  }, [iso, compute]);
  return left;
}

const visitKey = (sessionId: string) => `balai.breakouts.visit.${sessionId}`;

/**
 * A moderator's visit (or table-laptop sign-in) lives in server memory; the
 * browser remembers it so a restarted server or a reopened tab puts it back.
 */
export function rememberVisit(sessionId: string, visit: { runId: string; roomId: string; asTable: boolean } | null): void {
  try {
    if (visit) localStorage.setItem(visitKey(sessionId), JSON.stringify(visit));
    else localStorage.removeItem(visitKey(sessionId));
  } catch {
    // Storage may be unavailable (private mode); the visit then lasts until the server restarts.
  }
}

export function recallVisit(sessionId: string): { runId: string; roomId: string; asTable: boolean } | null {
  try {
    const raw = localStorage.getItem(visitKey(sessionId));
    const v = raw ? (JSON.parse(raw) as { runId?: unknown; roomId?: unknown; asTable?: unknown }) : null;
    return v && typeof v.runId === 'string' && typeof v.roomId === 'string' ? { runId: v.runId, roomId: v.roomId, asTable: v.asTable === true } : null;
  } catch {
    return null;
  }
}

export const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
