'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BreakoutPlaced, BreakoutState } from '@/lib/contracts/breakouts';
import { realtime, request, listen } from '@/app/_lib/realtime-client';

export type SyncStatus = { kind: 'loading' } | { kind: 'live' } | { kind: 'reconnecting' } | { kind: 'error'; message: string };

export interface Broadcast {
  message: string;
  from: string;
  at: string;
}

/**
 * A state from the server unless it is older than the one shown: a push and
 * a sync's answer can cross, and within one run its revision only grows (a
 * visit changes the room without a new revision, so equal is newer).
 */
function fresher(shown: BreakoutState | null, next: BreakoutState): boolean {
  if (!shown?.run || !next.run || shown.run.id !== next.run.id) return true;
  return next.run.rev >= shown.run.rev;
}

/**
 * The session's breakouts as the server sees them. Syncs on mount and on
 * every (re)connect (the sync puts this tab in its room, so a reload, a
 * reconnect or a server restart lands the person where the database says);
 * after that the server pushes every change, with nothing to ask back: the
 * run as everyone sees it (`breakout:run-changed`), then this tab's own room
 * in it (`breakout:placed`). `offsetMs` is server time minus local time,
 * measured on a sync's round trip.
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
      // No answer (a reconnect wave, a server restarting): ask again after a jittered pause while connected;
      // a refusal (not a member) stays shown. A dropped connection syncs again on its next connect.
      if (res.error.code === 'internal' || res.error.code === 'rate_limited') {
        const pause = (res.error.retryAfterMs ?? 0) + 1000 + Math.random() * 2000;
        setTimeout(() => {
          if (mine === seq.current && realtime().connected) void sync();
        }, pause);
      }
      return;
    }
    const received = Date.now();
    setOffsetMs(new Date(res.data.serverNow).getTime() - (sent + received) / 2);
    setState((shown) => (fresher(shown, res.data) ? res.data : shown));
    setStatus({ kind: 'live' });
  }, [sessionId]);

  useEffect(() => {
    const socket = realtime();
    const onRun = ({ sessionId: s, serverNow, run }: { sessionId: string; serverNow: string; run: BreakoutState['run'] }) => {
      if (s !== sessionId) return;
      setState((shown) => {
        if (!shown) return shown; // the first sync is still on its way and will bring everything
        // The room stays until this tab's own place arrives, right after, unless the run it was in is over.
        const next = { ...shown, serverNow, run, room: shown.run && run && shown.run.id === run.id ? shown.room : null };
        return fresher(shown, next) ? next : shown;
      });
    };
    const onPlaced = (placed: BreakoutPlaced) => {
      if (placed.sessionId !== sessionId) return;
      setState((shown) => {
        // Only a place in the run this tab shows (an older push that crossed a sync is dropped).
        if (!shown || (shown.run?.id ?? null) !== placed.runId) return shown;
        if (shown.run && placed.rev !== null && placed.rev < shown.run.rev) return shown;
        return { ...shown, canManage: placed.canManage, room: placed.room };
      });
      setStatus({ kind: 'live' });
    };
    const onBroadcast = (b: { runId: string; message: string; from: string; at: string }) => setBroadcast({ message: b.message, from: b.from, at: b.at });
    const onDisconnect = () => setStatus({ kind: 'reconnecting' });
    const unlisten = listen(socket, {
      connect: sync,
      disconnect: onDisconnect,
      'breakout:run-changed': onRun,
      'breakout:placed': onPlaced,
      'breakout:broadcasted': onBroadcast,
    });
    if (socket.connected) void sync();
    return unlisten;
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
