'use client';
import { useEffect, useRef } from 'react';

/** Plays the chosen interpretation channel at full volume (the floor is turned down separately). */
export function ChannelAudio({ track, language }: { track: MediaStreamTrack; language: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    el.play().catch(() => undefined);
  }, [track]);
  return <audio ref={ref} autoPlay data-channel-language={language} />;
}
