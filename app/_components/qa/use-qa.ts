'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QaModeration, QaSettings, QaSnapshot, QuestionView } from '@/lib/contracts/qa';
import type { ServerEventPayload } from '@/lib/contracts/realtime';
import type { Ack } from '@/lib/contracts/define';
import { realtime, request, listen } from '../../_lib/realtime-client';
import { mutate, newId } from './qa-client';

export type QaStatus = { kind: 'connecting' } | { kind: 'live' } | { kind: 'reconnecting' } | { kind: 'error'; message: string };

interface QaState {
  questions: Map<string, QuestionView>;
  myVotes: Set<string>;
  settings: QaSettings | null;
  highlighted: QuestionView | null;
  can: QaSnapshot['can'];
}

const empty: QaState = { questions: new Map(), myVotes: new Set(), settings: null, highlighted: null, can: { moderate: false, ask: false } };

/** Keeps the newer of two versions of a question (notices and a snapshot may cross on the wire). */
function newer(a: QuestionView | undefined, b: QuestionView): QuestionView {
  return a && a.rev > b.rev ? a : b;
}

/**
 * The browser's mirror of one session's Q&A. On every (re)connect it joins
 * again and takes the snapshot as the truth (keyed by id, so nothing doubles);
 * notices in between are applied by revision.
 */
export function useQa(sessionId: string, view: 'own' | 'public' = 'own', joinWith?: () => Promise<Ack<QaSnapshot>>) {
  const [state, setState] = useState<QaState>(empty);
  const [status, setStatus] = useState<QaStatus>({ kind: 'connecting' });
  // Questions that left this viewer's list, by id → rev: a late, older notice must not bring one back.
  const removed = useRef(new Map<string, number>());
  // What this tab holds, for a re-join to ask only for what changed meanwhile.
  const held = useRef(state.questions);
  held.current = state.questions;
  // Own votes acknowledged since the last join was sent (a snapshot read before they committed must not undo them).
  const votedSinceJoin = useRef(new Map<string, boolean>());
  const rejoin = useRef<(() => Promise<void>) | undefined>(undefined);

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const join = async () => {
      const have = held.current.size ? Object.fromEntries([...held.current.values()].map((q) => [q.id, q.rev])) : undefined;
      const votedMeanwhile = (votedSinceJoin.current = new Map());
      const res = joinWith ? await joinWith() : await request('qa:join', { sessionId, view, have });
      if (cancelled) return;
      if (!res.ok) {
        setStatus({ kind: 'error', message: res.error.message });
        return;
      }
      const snap = res.data;
      // The snapshot is the truth as of now; older removals no longer matter.
      removed.current.clear();
      setState((prev) => {
        // A delta keeps what the tab holds, minus what left, plus what changed; a full snapshot replaces it.
        const questions = snap.delta ? new Map(prev.questions) : new Map<string, QuestionView>();
        for (const id of snap.removed ?? []) questions.delete(id);
        for (const q of snap.questions) questions.set(q.id, newer(prev.questions.get(q.id), q));
        const highlightedId = snap.settings.highlightedQuestionId;
        // Own votes answered while the snapshot was on its way may have committed after it was read.
        const myVotes = new Set(snap.myVotes);
        for (const [id, voted] of votedMeanwhile) if (voted) myVotes.add(id);
        else myVotes.delete(id);
        return {
          questions,
          myVotes,
          settings: snap.settings,
          highlighted: highlightedId ? (questions.get(highlightedId) ?? null) : null,
          can: snap.can,
        };
      });
      setStatus({ kind: 'live' });
    };
    const onChanged = (q: ServerEventPayload<'qa:question-changed'>) => {
      if (q.sessionId !== sessionId) return;
      if ((removed.current.get(q.id) ?? 0) >= q.rev) return;
      setState((prev) => {
        const questions = new Map(prev.questions);
        const kept = newer(prev.questions.get(q.id), q);
        questions.set(q.id, kept);
        const highlighted = prev.highlighted?.id === q.id ? kept : prev.highlighted;
        return { ...prev, questions, highlighted };
      });
    };
    const onRemoved = (p: ServerEventPayload<'qa:question-removed'>) => {
      if (p.sessionId !== sessionId) return;
      removed.current.set(p.questionId, Math.max(p.rev, removed.current.get(p.questionId) ?? 0));
      setState((prev) => {
        const questions = new Map(prev.questions);
        questions.delete(p.questionId);
        return { ...prev, questions, highlighted: prev.highlighted?.id === p.questionId ? null : prev.highlighted };
      });
    };
    const onVotes = (p: ServerEventPayload<'qa:votes-changed'>) => {
      if (p.sessionId !== sessionId) return;
      setState((prev) => {
        const q = prev.questions.get(p.questionId);
        if (!q || q.rev >= p.rev) return prev;
        const questions = new Map(prev.questions);
        const next = { ...q, voteCount: p.voteCount, rev: p.rev };
        questions.set(q.id, next);
        return { ...prev, questions, highlighted: prev.highlighted?.id === q.id ? next : prev.highlighted };
      });
    };
    const onMyVote = (p: ServerEventPayload<'qa:my-vote-changed'>) => {
      if (p.sessionId !== sessionId) return;
      setState((prev) => {
        const myVotes = new Set(prev.myVotes);
        if (p.voted) myVotes.add(p.questionId);
        else myVotes.delete(p.questionId);
        return { ...prev, myVotes };
      });
    };
    const onSettings = (p: ServerEventPayload<'qa:settings-changed'>) => {
      if (p.sessionId !== sessionId) return;
      setState((prev) => {
        if (prev.settings && prev.settings.rev > p.rev) return prev;
        const { highlighted, ...settings } = p;
        const questions = new Map(prev.questions);
        if (highlighted) questions.set(highlighted.id, newer(questions.get(highlighted.id), highlighted));
        return { ...prev, settings, questions, highlighted: highlighted ? questions.get(highlighted.id)! : null };
      });
    };
    const onDisconnect = () => setStatus({ kind: 'reconnecting' });
    const onConnectError = () => setStatus({ kind: 'reconnecting' });

    rejoin.current = () => (socket.connected ? join() : Promise.resolve());
    const unlisten = listen(socket, {
      connect: join,
      'qa:question-changed': onChanged,
      'qa:question-removed': onRemoved,
      'qa:votes-changed': onVotes,
      'qa:my-vote-changed': onMyVote,
      'qa:settings-changed': onSettings,
      disconnect: onDisconnect,
      connect_error: onConnectError,
    });
    if (socket.connected) void join();
    return () => {
      cancelled = true;
      rejoin.current = undefined;
      unlisten();
    };
  }, [sessionId, view, joinWith]);

  const upsert = useCallback((q: QuestionView) => {
    setState((prev) => {
      const questions = new Map(prev.questions);
      questions.set(q.id, newer(prev.questions.get(q.id), q));
      return { ...prev, questions };
    });
  }, []);

  const actions = useMemo(() => {
    // A write that never got its answer may or may not have been applied: join again to learn what the server holds.
    const write = async <K extends Parameters<typeof mutate>[0]>(name: K, payload: Parameters<typeof mutate<K>>[1]) => {
      const res = await mutate(name, payload);
      if (!res.ok && res.error.code === 'internal') void rejoin.current?.();
      return res;
    };
    return {
      ask: async (text: string, anonymous: boolean) => {
        const res = await write('qa:ask', { sessionId, questionId: newId(), text, anonymous });
        if (res.ok) upsert(res.data);
        return res;
      },
      vote: async (questionId: string, voted: boolean) => {
        const res = await write('qa:vote', { mutationId: newId(), questionId, voted });
        if (res.ok) {
          votedSinceJoin.current.set(questionId, res.data.voted);
          setState((prev) => {
            const myVotes = new Set(prev.myVotes);
            if (res.data.voted) myVotes.add(questionId);
            else myVotes.delete(questionId);
            const q = prev.questions.get(questionId);
            const questions = new Map(prev.questions);
            if (q && q.rev < res.data.rev) questions.set(questionId, { ...q, voteCount: res.data.voteCount, rev: res.data.rev });
            return { ...prev, myVotes, questions };
          });
        }
        return res;
      },
      edit: async (questionId: string, text: string) => {
        const res = await write('qa:edit', { mutationId: newId(), questionId, text });
        if (res.ok) upsert(res.data);
        return res;
      },
      withdraw: async (questionId: string) => {
        const res = await write('qa:withdraw', { mutationId: newId(), questionId });
        if (res.ok) upsert(res.data);
        return res;
      },
      moderate: async (questionId: string, action: Parameters<typeof mutate<'qa:moderate'>>[1]['action']) => {
        const res = await write('qa:moderate', { mutationId: newId(), questionId, action });
        if (res.ok) upsert(res.data);
        return res;
      },
      merge: async (sourceId: string, targetId: string) => {
        const res = await write('qa:merge', { mutationId: newId(), sourceId, targetId });
        if (res.ok) {
          upsert(res.data.source);
          upsert(res.data.target);
        }
        return res;
      },
      highlight: (questionId: string | null) => write('qa:highlight', { mutationId: newId(), sessionId, questionId }),
      setModeration: (moderation: QaModeration) => write('qa:set-moderation', { mutationId: newId(), sessionId, moderation }),
    };
  }, [sessionId, upsert]);

  return { ...state, status, actions };
}
