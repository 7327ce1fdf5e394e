'use client';
import { useEffect, useState } from 'react';

/** A live input level (0–100) from an AnalyserNode, so people can see their microphone works before joining. */
export function MicLevel({ track, label }: { track: MediaStreamTrack; label: string }) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    let frame = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
      setLevel(Math.min(100, Math.round((peak / 128) * 140)));
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void ctx.close();
    };
  }, [track]);
  return (
    <div className="stack" style={{ gap: 4 }}>
      <span id="mic-level-label">{label}</span>
      <div className="media-meter" role="meter" aria-labelledby="mic-level-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={level}>
        <span style={{ width: `${level}%` }} />
      </div>
    </div>
  );
}
