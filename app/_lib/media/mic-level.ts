/**
 * A microphone's live input level (0–100) from an AnalyserNode, once per animation frame, so people can see
 * their microphone works before joining: the page's check (MicLevel.tsx) and the boot script's (boot-prejoin.ts).
 * Returns the function that stops it.
 */
export function followMicLevel(track: MediaStreamTrack, onLevel: (level: number) => void): () => void {
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
    onLevel(Math.min(100, Math.round((peak / 128) * 140)));
    frame = requestAnimationFrame(tick);
  };
  tick();
  return () => {
    cancelAnimationFrame(frame);
    source.disconnect();
    void ctx.close();
  };
}
