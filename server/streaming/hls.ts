import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { composerFor, releaseSink, type CompositionSink } from '../recording/stage-composer';
import { recordingsRoot } from '../recording/storage';
import { isUuid } from '../../lib/domain/ids';

/**
 * The watch-only stream of a session: the same composition written as HLS (2-second MPEG-TS
 * segments, a rolling playlist) that Balai serves to watchers at /watch/<session>/<file>; any CDN can
 * serve the same files. A new composition segment appends to the playlist with a discontinuity.
 */
export const HLS_SEGMENT_SECONDS = 2;
const LIST_SIZE = 8;

export function hlsDir(sessionId: string): string {
  return path.join(recordingsRoot(), '..', 'hls', sessionId);
}

class HlsSink implements CompositionSink {
  readonly id: string;
  constructor(readonly sessionId: string) {
    this.id = `hls:${sessionId}`;
  }
  async output(): Promise<string> {
    const dir = hlsDir(this.sessionId);
    await mkdir(dir, { recursive: true });
    const opts = [
      'f=hls',
      `hls_time=${HLS_SEGMENT_SECONDS}`,
      `hls_list_size=${LIST_SIZE}`,
      'hls_flags=delete_segments+append_list+discont_start+omit_endlist',
      `hls_segment_filename=${path.join(dir, 's%05d.ts')}`,
      'onfail=ignore',
    ];
    return `[${opts.join(':')}]${path.join(dir, 'index.m3u8')}`;
  }
}

const KEY = Symbol.for('balai.hls');
const enabled: Set<string> = ((globalThis as { [KEY]?: Set<string> })[KEY] ??= new Set());

export const watchEnabled = (sessionId: string) => enabled.has(sessionId);

export async function enableWatch(sessionId: string): Promise<void> {
  if (enabled.has(sessionId)) return;
  enabled.add(sessionId);
  await rm(hlsDir(sessionId), { recursive: true, force: true });
  composerFor(sessionId).addSink(new HlsSink(sessionId));
}

export async function disableWatch(sessionId: string): Promise<void> {
  if (!enabled.delete(sessionId)) return;
  await releaseSink(sessionId, `hls:${sessionId}`);
  await rm(hlsDir(sessionId), { recursive: true, force: true });
}

export async function disableAllWatch(): Promise<void> {
  for (const id of [...enabled]) await disableWatch(id);
}

/** A watcher's request names a file: only the playlist and segment names the muxer writes resolve. */
export function hlsFile(sessionId: string, name: string): string | null {
  if (!isUuid(sessionId) || !/^(index\.m3u8|s\d{5}\.ts)$/.test(name)) return null;
  return path.join(hlsDir(sessionId), name);
}
