import { spawn, type ChildProcess } from 'node:child_process';
import { DomainError } from '../../lib/errors';
import { env } from '../../lib/env';

/**
 * FFmpeg is Balai's only media processor (recording, streaming out, HLS, ingest). It is a
 * distribution package (`apt install ffmpeg`), found on PATH or at FFMPEG_PATH; nothing here
 * encodes or decodes media itself.
 */

export interface FfmpegCheck {
  ok: boolean;
  /** What is missing, said plainly (for the log at start and for the organizer's error). */
  missing: string[];
  version?: string;
}

const NEEDED_ENCODERS = ['libx264', 'aac', 'libvpx', 'libopus'];
const NEEDED_DECODERS = ['vp8', 'h264', 'opus'];

let checked: Promise<FfmpegCheck> | undefined;

export function ffmpegPath(): string {
  return env().FFMPEG_PATH ?? 'ffmpeg';
}

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    let out = '';
    let child: ChildProcess;
    try {
      child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      resolve({ code: -1, out: '' });
      return;
    }
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => resolve({ code: -1, out }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Looks for ffmpeg and the codecs Balai uses, once per process. */
export function checkFfmpeg(): Promise<FfmpegCheck> {
  checked ??= (async () => {
    const version = await run(['-hide_banner', '-version']);
    if (version.code !== 0) {
      return { ok: false, missing: [`ffmpeg (not found at "${ffmpegPath()}"; install the ffmpeg package or set FFMPEG_PATH)`] };
    }
    const [enc, dec] = await Promise.all([run(['-hide_banner', '-encoders']), run(['-hide_banner', '-decoders'])]);
    const has = (list: string, name: string) => new RegExp(`^\\s*[A-Z.]{6}\\s+${name}\\s`, 'm').test(list);
    const missing = [
      ...NEEDED_ENCODERS.filter((n) => !has(enc.out, n)).map((n) => `ffmpeg encoder ${n}`),
      ...NEEDED_DECODERS.filter((n) => !has(dec.out, n)).map((n) => `ffmpeg decoder ${n}`),
    ];
    return { ok: missing.length === 0, missing, version: /ffmpeg version (\S+)/.exec(version.out)?.[1] };
  })();
  return checked;
}

/** Throws a clear `unavailable`-style conflict when ffmpeg cannot do the job. */
export async function requireFfmpeg(): Promise<void> {
  const check = await checkFfmpeg();
  if (!check.ok) throw new DomainError('conflict', 'recording.ffmpegMissing', { missing: check.missing.join(', ') });
}

/** Stream keys and credentials never reach a log: rtmp://host/app/KEY → rtmp://host/app/*** */
export function redactUrl(text: string): string {
  return text
    .replace(/(rtmps?:\/\/[^\s/]+(?:\/[^\s/]+)*?)\/[^\s/'"|\]]+(?=$|[\s'"|\]])/g, '$1/***')
    .replace(/\/\/[^\s/@:]+:[^\s/@]+@/g, '//***:***@');
}

export interface FfmpegProcess {
  child: ChildProcess;
  /** Resolves when the process has exited, with its code (null when killed by a signal) and the tail of its log. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; tail: string }>;
  /** Asks ffmpeg to finish the file cleanly ('q' on stdin), then kills it if it does not. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs FFmpeg with `args`. With `onProgress`, FFmpeg reports its progress (`-progress pipe:1`) and
 * each report's key=value block is handed over: a relay knows it is really sending.
 */
export function startFfmpeg(
  args: string[],
  label: string,
  onProgress?: (report: Record<string, string>) => void,
  onLog?: (text: string) => void,
): FfmpegProcess {
  const progress = onProgress ? ['-progress', 'pipe:1'] : [];
  const child = spawn(ffmpegPath(), ['-hide_banner', '-nostats', '-loglevel', 'warning', ...progress, ...args], { stdio: ['pipe', onProgress ? 'pipe' : 'ignore', 'pipe'] });
  if (onProgress) {
    let block: Record<string, string> = {};
    let rest = '';
    child.stdout?.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const at = line.indexOf('=');
        if (at < 0) continue;
        const key = line.slice(0, at).trim();
        block[key] = line.slice(at + 1).trim();
        if (key === 'progress') {
          onProgress(block);
          block = {};
        }
      }
    });
  }
  let tail = '';
  child.stderr?.on('data', (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
    onLog?.(d.toString());
  });
  // stdin errors (EPIPE after ffmpeg exited) are expected when stopping; the exit promise reports the outcome.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; tail: string }>((resolve) => {
    child.on('error', (err) => {
      tail += `\n${err.message}`;
    });
    child.on('close', (code, signal) => {
      if (code !== 0 && code !== 255 && signal === null && tail.trim()) console.warn(`[${label}] ffmpeg exited ${code}: ${redactUrl(tail.trim().slice(-600))}`);
      resolve({ code, signal, tail: redactUrl(tail) });
    });
  });
  return {
    child,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.write('q');
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
