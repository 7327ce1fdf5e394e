import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startFfmpeg } from '../ffmpeg/ffmpeg';
import { probe } from '../ffmpeg/probe';

/**
 * One MP4 from a recording's segments, without re-encoding. Each segment is first copied into a
 * whole MP4 of its own: a segment whose FFmpeg was killed ends in a half-written fragment, and the
 * concat demuxer stops the whole join at the first read error (everything after that segment would
 * be lost). Copying one segment drops its broken last sample and keeps every complete fragment.
 */
export async function joinSegments(segments: string[], out: string, label: string): Promise<{ ok: true } | { ok: false; tail: string }> {
  const whole: string[] = [];
  const made: string[] = [];
  try {
    for (const s of segments) {
      const copy = s.replace(/\.mp4$/, '.whole.mp4');
      // `-map 0`: every track (the floor and each interpretation language), not FFmpeg's one video + one audio.
      // The demuxer marks a half-written last sample corrupt; +discardcorrupt leaves it out (kept, it breaks the join).
      const { code } = await startFfmpeg(['-y', '-fflags', '+discardcorrupt', '-i', s, '-map', '0', '-c', 'copy', '-f', 'mp4', copy], label).exited;
      made.push(copy);
      const info = code === 0 ? await probe(copy) : null;
      whole.push(info?.video && info.durationSec > 0 ? copy : s);
    }
    const list = path.join(path.dirname(segments[0]!), 'segments.txt');
    await writeFile(list, whole.map((s) => `file '${s.replace(/'/g, "'\\''")}'`).join('\n') + '\n');
    made.push(list);
    const join = startFfmpeg(['-y', '-f', 'concat', '-safe', '0', '-i', list, '-map', '0', '-c', 'copy', '-movflags', '+faststart', out], label);
    const { code, tail } = await join.exited;
    return code === 0 ? { ok: true } : { ok: false, tail };
  } finally {
    await Promise.all(made.map((f) => rm(f, { force: true })));
  }
}
