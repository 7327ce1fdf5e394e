'use client';
import { useEffect, useMemo, useState } from 'react';
import type { Ack } from '@/lib/contracts/define';
import type { PollAnswer, PollDraft, PollResults, PollSnapshot, PollView } from '@/lib/contracts/polls';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import { realtime, request, listen } from '../../_lib/realtime-client';
import { mutate, newId } from '../qa/qa-client';

export type PollsStatus = { kind: 'connecting' } | { kind: 'live' } | { kind: 'reconnecting' } | { kind: 'error'; message: string };

interface PollsState {
  polls: Map<string, PollView>;
  results: Map<string, PollResults>;
  myAnswers: Record<string, number>;
  can: PollSnapshot['can'];
}
const empty: PollsState = { polls: new Map(), results: new Map(), myAnswers: {}, can: { manage: false, answer: false } };

const newerPoll = (a: PollView | undefined, b: PollView) => (a && a.rev > b.rev ? a : b);
/** Results only grow until final: a late, smaller count never replaces a larger one. */
const newerResults = (a: PollResults | undefined, b: PollResults) => (a && !b.final && (a.final || a.all.responses > b.all.responses) ? a : b);

/**
 * The browser's mirror of one session's polls: a snapshot on every
 * (re)connect, then notices. `joinWith` lets the projector join through its
 * display link instead of as a person.
 */
export function usePolls(sessionId: string, joinWith?: () => Promise<Ack<PollSnapshot>>) {
  const [state, setState] = useState<PollsState>(empty);
  const [status, setStatus] = useState<PollsStatus>({ kind: 'connecting' });

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const join = async () => {
      const res = joinWith ? await joinWith() : await request('poll:join', { sessionId });
      if (cancelled) return;
      if (!res.ok) return setStatus({ kind: 'error', message: res.error.message });
      const snap = res.data;
      setState((prev) => ({
        polls: new Map(snap.polls.map((p) => [p.id, newerPoll(prev.polls.get(p.id), p)])),
        results: new Map(snap.results.map((r) => [r.pollId, newerResults(prev.results.get(r.pollId), r)])),
        myAnswers: snap.myAnswers,
        can: snap.can,
      }));
      setStatus({ kind: 'live' });
    };
    const onChanged = (p: ServerEventPayload<'poll:changed'>) => {
      if (p.sessionId !== sessionId) return;
      setState((prev) => {
        const polls = new Map(prev.polls);
        polls.set(p.id, newerPoll(prev.polls.get(p.id), p));
        return { ...prev, polls };
      });
    };
    const onRemoved = (p: ServerEventPayload<'poll:removed'>) => {
      if (p.sessionId !== sessionId) return;
      setState((prev) => {
        if (!prev.polls.has(p.pollId)) return prev;
        const polls = new Map(prev.polls);
        polls.delete(p.pollId);
        const results = new Map(prev.results);
        results.delete(p.pollId);
        return { ...prev, polls, results };
      });
    };
    const onResults = (r: ServerEventPayload<'poll:results'>) => {
      if (r.sessionId !== sessionId) return;
      setState((prev) => {
        const results = new Map(prev.results);
        results.set(r.pollId, newerResults(prev.results.get(r.pollId), r));
        return { ...prev, results };
      });
    };
    const onDisconnect = () => setStatus({ kind: 'reconnecting' });
    const unlisten = listen(socket, {
      connect: join,
      'poll:changed': onChanged,
      'poll:removed': onRemoved,
      'poll:results': onResults,
      disconnect: onDisconnect,
      connect_error: onDisconnect,
    });
    if (socket.connected) void join();
    return () => {
      cancelled = true;
      unlisten();
    };
  }, [sessionId, joinWith]);

  const actions = useMemo(() => {
    const upsert = (p: PollView) =>
      setState((prev) => {
        const polls = new Map(prev.polls);
        polls.set(p.id, newerPoll(prev.polls.get(p.id), p));
        return { ...prev, polls };
      });
    const withPoll = async (res: Ack<PollView>) => {
      if (res.ok) upsert(res.data);
      return res;
    };
    return {
      answer: async (pollId: string, answer: PollAnswer) => {
        const res = await mutate('poll:answer', { pollId, answerId: newId(), answer });
        if (res.ok) setState((prev) => ({ ...prev, myAnswers: { ...prev.myAnswers, [pollId]: res.data.myAnswers } }));
        return res;
      },
      create: async (draft: PollDraft, launch: boolean) => withPoll(await mutate('poll:create', { sessionId, pollId: newId(), draft, launch })),
      update: async (pollId: string, draft: PollDraft) => withPoll(await mutate('poll:update', { pollId, draft })),
      launch: async (pollId: string) => withPoll(await mutate('poll:launch', { pollId })),
      close: async (pollId: string) => withPoll(await mutate('poll:close', { pollId })),
      show: async (pollId: string, onDisplay: boolean) => withPoll(await mutate('poll:show', { pollId, onDisplay })),
      copy: async (pollId: string, targetSessionId: string) => {
        const res = await mutate('poll:copy', { pollId, newPollId: newId(), targetSessionId });
        if (res.ok && res.data.sessionId === sessionId) upsert(res.data);
        return res;
      },
      remove: async (pollId: string) => {
        const res = await mutate('poll:delete', { pollId });
        if (res.ok)
          setState((prev) => {
            const polls = new Map(prev.polls);
            polls.delete(pollId);
            return { ...prev, polls };
          });
        return res;
      },
    };
  }, [sessionId]);

  return { ...state, status, actions };
}
