'use client';
import { useEffect, useState } from 'react';
import type { LanguageSetup } from '@/lib/contracts/interpretation';
import { realtime, request } from '@/app/_lib/realtime-client';

/** The session's language setup (sign-language interpreter, floor), re-read when an organizer changes it. */
export function useSessionLanguages(sessionId: string): LanguageSetup | null {
  const [setup, setSetup] = useState<LanguageSetup | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void request('interpretation:setup', { sessionId }).then((res) => {
        if (live && res.ok) setSetup(res.data);
      });
    const onChanged = ({ sessionId: changed }: { sessionId: string }) => {
      if (changed === sessionId) load();
    };
    const socket = realtime();
    socket.on('interpretation:setup-changed', onChanged);
    socket.on('connect', load);
    load();
    return () => {
      live = false;
      socket.off('interpretation:setup-changed', onChanged);
      socket.off('connect', load);
    };
  }, [sessionId]);
  return setup;
}
