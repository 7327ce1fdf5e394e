import { execFile } from 'node:child_process';
import { env } from '../../lib/env';

export interface ProbeResult {
  durationSec: number;
  video?: { codec: string; width: number; height: number };
  audio?: { codec: string; channels: number; sampleRate: number };
}

function ffprobePath(): string {
  const ffmpeg = env().FFMPEG_PATH;
  return ffmpeg ? ffmpeg.replace(/ffmpeg$/, 'ffprobe') : 'ffprobe';
}

/** What ffprobe says about a media file, or null when it cannot read it (not playable). */
export function probe(file: string): Promise<ProbeResult | null> {
  return new Promise((resolve) => {
    execFile(ffprobePath(), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve(null);
      try {
        const info = JSON.parse(stdout) as {
          format?: { duration?: string };
          streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; channels?: number; sample_rate?: string }[];
        };
        const v = info.streams?.find((s) => s.codec_type === 'video');
        const a = info.streams?.find((s) => s.codec_type === 'audio');
        resolve({
          durationSec: Number(info.format?.duration ?? 0) || 0,
          ...(v ? { video: { codec: v.codec_name ?? '', width: v.width ?? 0, height: v.height ?? 0 } } : {}),
          ...(a ? { audio: { codec: a.codec_name ?? '', channels: a.channels ?? 0, sampleRate: Number(a.sample_rate ?? 0) } } : {}),
        });
      } catch {
        resolve(null);
      }
    });
  });
}
