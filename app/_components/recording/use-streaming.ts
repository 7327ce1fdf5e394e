'use client';
import { useCallback, useEffect, useState } from 'react';
import type { DestinationView, IngestView } from '@/lib/contracts/streaming';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request, listen } from '../../_lib/realtime-client';
import { uuid } from '../../_lib/uuid';

/**
 * Organizers' and moderators' mirror of a session's streaming: RTMP destinations and the hall
 * mixer's input. Anyone else is refused by the server, and the hook reports `allowed: false`.
 */
export function useStreaming(sessionId: string) {
  const [allowed, setAllowed] = useState(false);
  const [destinations, setDestinations] = useState<DestinationView[]>([]);
  const [ingest, setIngest] = useState<IngestView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [d, i] = await Promise.all([request('stream:destinations', { sessionId }), request('ingest:get', { sessionId })]);
    setAllowed(d.ok);
    if (d.ok) setDestinations(d.data.destinations);
    if (i.ok) setIngest(i.data);
  }, [sessionId]);

  useEffect(() => {
    const socket = realtime();
    const onStatus = (p: ServerEventPayload<'stream:status'>) =>
      p.sessionId === sessionId && setDestinations((list) => list.map((d) => (d.id === p.destinationId ? { ...d, status: p.status } : d)));
    const onChanged = (p: ServerEventPayload<'stream:destinations-changed'>) => p.sessionId === sessionId && void load();
    const onIngest = (p: ServerEventPayload<'ingest:status'>) => p.sessionId === sessionId && setIngest((i) => (i ? { ...i, status: p.status } : i));
    const onWhip = (p: ServerEventPayload<'ingest:whip-status'>) => p.sessionId === sessionId && setIngest((i) => (i ? { ...i, whip: { ...i.whip, status: p.status } } : i));
    const unlisten = listen(socket, {
      connect: load,
      'stream:status': onStatus,
      'stream:destinations-changed': onChanged,
      'ingest:status': onIngest,
      'ingest:whip-status': onWhip,
    });
    if (socket.connected) void load();
    return unlisten;
  }, [sessionId, load]);

  const report = (res: { ok: boolean; error?: { message: string } }) => setError(res.ok ? null : (res.error?.message ?? null));
  const add = useCallback(
    async (label: string, url: string, streamKey: string) => {
      const res = await request('stream:add-destination', { sessionId, clientId: uuid(), label, url, streamKey });
      report(res);
      if (res.ok) setDestinations((list) => (list.some((d) => d.id === res.data.id) ? list : [...list, res.data]));
      return res.ok;
    },
    [sessionId],
  );
  const toggle = useCallback(async (d: DestinationView) => {
    const res = d.status.state === 'off' ? await request('stream:start', { destinationId: d.id }) : await request('stream:stop', { destinationId: d.id });
    report(res);
    if (res.ok) setDestinations((list) => list.map((x) => (x.id === d.id ? res.data : x)));
  }, []);
  const remove = useCallback(async (id: string) => {
    const res = await request('stream:remove-destination', { destinationId: id });
    report(res);
    if (res.ok) setDestinations((list) => list.filter((x) => x.id !== id));
  }, []);
  const setIngestOpen = useCallback(
    async (open: boolean) => {
      const res = open ? await request('ingest:enable', { sessionId }) : await request('ingest:disable', { sessionId });
      report(res);
      if (res.ok) setIngest(res.data);
    },
    [sessionId],
  );
  const setWhipOpen = useCallback(
    async (open: boolean) => {
      const res = open ? await request('ingest:whip-enable', { sessionId }) : await request('ingest:whip-disable', { sessionId });
      report(res);
      if (res.ok) setIngest(res.data);
    },
    [sessionId],
  );
  return { allowed, destinations, ingest, error, add, toggle, remove, setIngestOpen, setWhipOpen };
}
