import { mkdir, readdir, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { env } from '../../lib/env';
import { deleteRecordingObject, objectKeyOf } from './object-storage';

/**
 * Where recordings live: under the data directory (`<BALAI_DATA_DIR>/recordings/<session>/`), the
 * segments of a running recording in a directory named after it, the finished MP4 beside it.
 * With RECORDING_S3_* set, a finished MP4 is moved to the bucket (object-storage.ts) and its key
 * becomes `s3:…`; segments are always written here first.
 */

export function recordingsRoot(): string {
  const { RECORDING_DIR, BALAI_DATA_DIR } = env();
  if (RECORDING_DIR) return path.resolve(RECORDING_DIR);
  // An in-memory database (tests) has no data directory on disk.
  if (BALAI_DATA_DIR.startsWith('memory://')) return path.join(tmpdir(), 'balai-recordings');
  return path.resolve(BALAI_DATA_DIR, 'recordings');
}

export function segmentDir(sessionId: string, recordingId: string): string {
  return path.join(recordingsRoot(), sessionId, recordingId);
}

export function finalPath(sessionId: string, recordingId: string): string {
  return path.join(recordingsRoot(), sessionId, `${recordingId}.mp4`);
}

export const storageKeyFor = (sessionId: string, recordingId: string) => `local:${sessionId}/${recordingId}.mp4`;

/** The file behind a storage key; only keys Balai wrote resolve, and never outside the recordings directory. */
export function fileOfKey(key: string): string | null {
  const m = /^local:([0-9a-f-]{36})\/([0-9a-f-]{36})\.mp4$/.exec(key);
  return m ? path.join(recordingsRoot(), m[1]!, `${m[2]}.mp4`) : null;
}

export async function ensureSegmentDir(sessionId: string, recordingId: string): Promise<string> {
  const dir = segmentDir(sessionId, recordingId);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** The segments written so far, in order. */
export async function listSegments(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return names.filter((n) => /^seg-\d{5}\.mp4$/.test(n)).sort().map((n) => path.join(dir, n));
}

export async function nextSegmentPath(dir: string): Promise<string> {
  const existing = await listSegments(dir);
  const last = existing.length ? Number(/seg-(\d{5})\.mp4$/.exec(existing[existing.length - 1]!)![1]) : 0;
  return path.join(dir, `seg-${String(last + 1).padStart(5, '0')}.mp4`);
}

/** Free bytes on the file system holding the recordings. */
export async function freeBytes(): Promise<number> {
  const root = recordingsRoot();
  await mkdir(root, { recursive: true });
  const s = await statfs(root);
  return s.bavail * s.bsize;
}

export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}

export async function removeRecordingFiles(sessionId: string, recordingId: string, storageKey: string | null): Promise<void> {
  await rm(segmentDir(sessionId, recordingId), { recursive: true, force: true });
  await rm(finalPath(sessionId, recordingId), { force: true });
  if (storageKey && objectKeyOf(storageKey)) await deleteRecordingObject(storageKey);
}
