'use client';
import { useEffect, useState } from 'react';
import type { CaptionLine, CaptionsState } from '@/lib/contracts/captions';
import { realtime, request } from '@/app/_lib/realtime-client';

const KEEP = 30;

/** Merges a line into the list: a line with a known id replaces it (typing), a new one is appended. */
export function mergeLine(lines: CaptionLine[], line: CaptionLine): CaptionLine[] {
  const at = lines.findIndex((l) => l.id === line.id);
  if (at >= 0) return lines.map((l, i) => (i === at ? line : l));
  return [...lines, line].slice(-KEEP);
}

/** The session's captions while `enabled`: the last lines replayed on joining, then each line as it comes. */
export function useCaptions(sessionId: string, enabled: boolean): { state: CaptionsState | null; lines: CaptionLine[] } {
  const [state, setState] = useState<CaptionsState | null>(null);
  const [lines, setLines] = useState<CaptionLine[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const socket = realtime();
    const onLine = (line: CaptionLine) => {
      if (line.sessionId === sessionId) setLines((ls) => mergeLine(ls, line));
    };
    const join = () =>
      void request('captions:join', { sessionId }).then((res) => {
        if (!live || !res.ok) return;
        setState(res.data);
        setLines((ls) => res.data.lines.reduce(mergeLine, ls.filter((l) => !l.final)));
      });
    socket.on('captions:line', onLine);
    socket.on('connect', join);
    join();
    return () => {
      live = false;
      socket.off('captions:line', onLine);
      socket.off('connect', join);
    };
  }, [sessionId, enabled]);
  return { state, lines };
}
