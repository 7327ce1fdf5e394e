'use client';
import { useEffect, useState } from 'react';
import { followMicLevel } from '@/app/_lib/media/mic-level';

/** The microphone's live level (mic-level.ts) as a meter. */
export function MicLevel({ track, label }: { track: MediaStreamTrack; label: string }) {
  const [level, setLevel] = useState(0);
  useEffect(() => followMicLevel(track, setLevel), [track]);
  return (
    <div className="stack" style={{ gap: 4 }}>
      <span id="mic-level-label">{label}</span>
      <div className="media-meter" role="meter" aria-labelledby="mic-level-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={level}>
        <span style={{ width: `${level}%` }} />
      </div>
    </div>
  );
}
