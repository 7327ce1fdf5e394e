'use client';
import { useCallback, useEffect, useState } from 'react';
import type { RecordingState, RecordingSummary } from '@/lib/contracts/recording';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request, listen } from '../../_lib/realtime-client';
import { uuid } from '../../_lib/uuid';

/** The browser's mirror of a session's recording state: a snapshot on every (re)connect, then notices. */
export function useRecording(sessionId: string) {
  const [state, setState] = useState<RecordingState | null>(null);
  const [manage, setManage] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const join = async () => {
      const res = await request('recording:join', { sessionId });
      if (cancelled || !res.ok) return;
      const { can, ...rest } = res.data;
      setState(rest);
      setManage(can.manage);
    };
    const onState = (p: ServerEventPayload<'recording:state'>) => p.sessionId === sessionId && setState(p);
    socket.on('connect', join);
    socket.on('recording:state', onState);
    if (socket.connected) void join();
    return () => {
      cancelled = true;
      socket.off('connect', join);
      socket.off('recording:state', onState);
    };
  }, [sessionId]);

  const act = useCallback(
    async (what: 'start' | 'pause' | 'resume' | 'stop', options: { burnCaptions?: boolean } = {}) => {
      setBusy(true);
      const res =
        what === 'start'
          ? await request('recording:start', { sessionId, clientId: uuid(), burnCaptions: options.burnCaptions ?? false }, 20_000)
          : what === 'pause'
            ? await request('recording:pause', { sessionId }, 20_000)
            : what === 'resume'
              ? await request('recording:resume', { sessionId }, 20_000)
              : await request('recording:stop', { sessionId }, 20_000);
      setBusy(false);
      setError(res.ok ? null : res.error.message);
    },
    [sessionId],
  );
  return { state, manage, error, busy, act };
}

/** The recordings of a session the person may watch, asked again whenever the server says the list changed. */
export function useRecordingList(sessionId: string) {
  const [recordings, setRecordings] = useState<RecordingSummary[] | null>(null);
  const [manage, setManage] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await request('recording:list', { sessionId });
    if (!res.ok) return setError(res.error.message);
    setRecordings(res.data.recordings);
    setManage(res.data.can.manage);
  }, [sessionId]);

  useEffect(() => {
    const socket = realtime();
    const onChanged = (p: ServerEventPayload<'recording:list-changed'>) => p.sessionId === sessionId && void load();
    // The list notices come to the session's recording room, which recording:join enters.
    const join = async () => {
      await request('recording:join', { sessionId });
      await load();
    };
    const unlisten = listen(socket, { connect: join, 'recording:list-changed': onChanged });
    if (socket.connected) void join();
    return unlisten;
  }, [sessionId, load]);

  const setVisibility = useCallback(async (recordingId: string, visibility: RecordingSummary['visibility']) => {
    const res = await request('recording:set-visibility', { recordingId, visibility });
    setError(res.ok ? null : res.error.message);
    if (res.ok) setRecordings((list) => list?.map((r) => (r.id === recordingId ? res.data : r)) ?? null);
  }, []);
  const remove = useCallback(async (recordingId: string) => {
    const res = await request('recording:delete', { recordingId });
    setError(res.ok ? null : res.error.message);
    if (res.ok) setRecordings((list) => list?.filter((r) => r.id !== recordingId) ?? null);
  }, []);
  return { recordings, manage, error, setVisibility, remove };
}
