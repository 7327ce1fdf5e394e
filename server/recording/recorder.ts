import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ActiveRecording, RecordingState } from '../../lib/contracts/recording';
import { activeRecording, findRecording, insertRecording, unfinishedRecordings, updateRecording, type RecordingRow } from '../../lib/db/queries/recordings';
import { DomainError } from '../../lib/errors';
import { env } from '../../lib/env';
import { requireFfmpeg, startFfmpeg } from '../ffmpeg/ffmpeg';
import { probe } from '../ffmpeg/probe';
import { mp4Output } from './compose-args';
import { joinSegments } from './segment-join';
import { captionFont } from './caption-burner';
import { objectStorage, uploadRecording } from './object-storage';
import { composerFor, releaseSink, type CompositionSink } from './stage-composer';
import { ensureSegmentDir, fileSize, finalPath, freeBytes, listSegments, nextSegmentPath, segmentDir, storageKeyFor } from './storage';

/**
 * A session's recording: a sink of the stage composition writing fragmented MP4 segments (a killed
 * FFmpeg leaves every segment playable up to its last fragment), concatenated into one MP4 when the
 * recording stops. One recording runs per session at a time, in the process that runs its live room.
 */

/** Below this much free space no new segment starts and the recording stops with a clear error. */
export function minFreeBytes(): number {
  return env().RECORDING_MIN_FREE_MB * 1024 * 1024;
}

export type RecordingListener = (sessionId: string, state: RecordingState, listChanged: boolean) => void;

/** How often a running recording checks the disk (a segment can run for a long time). */
const DISK_CHECK_MS = 3000;

class RecordingSink implements CompositionSink {
  readonly id: string;
  readonly wants: { languageTracks: boolean; captions: boolean };
  private diskTimer: NodeJS.Timeout | undefined;
  constructor(
    readonly row: RecordingRow,
    private readonly onProblem: (problem: string) => void,
  ) {
    this.id = `recording:${row.id}`;
    this.wants = { languageTracks: true, captions: row.burnCaptions };
  }

  /**
   * FFmpeg's tee goes on without an output that cannot write (onfail=ignore keeps the live streams
   * up), so a disk filling during a segment is noticed here rather than from FFmpeg's exit.
   */
  watchDisk(): void {
    this.diskTimer ??= setInterval(() => {
      void freeBytes()
        .then((free) => {
          if (free < minFreeBytes()) this.onProblem('disk-full');
        })
        .catch((err: unknown) => console.warn('[recording] free space unknown', err));
    }, DISK_CHECK_MS);
  }

  unwatchDisk(): void {
    if (this.diskTimer) clearInterval(this.diskTimer);
    this.diskTimer = undefined;
  }

  async output(): Promise<string | null> {
    if ((await freeBytes()) < minFreeBytes()) {
      this.onProblem('disk-full');
      return null;
    }
    const dir = await ensureSegmentDir(this.row.sessionId, this.row.id);
    return mp4Output(await nextSegmentPath(dir));
  }

  segmentEnded({ tail }: { clean: boolean; tail: string }): void {
    if (/No space left on device/i.test(tail)) this.onProblem('disk-full');
  }
}

const KEY = Symbol.for('balai.recorder');
interface RecorderState {
  sinks: Map<string, RecordingSink>;
  problems: Map<string, string>;
  listener?: RecordingListener;
  /** Start/pause/resume/stop of one session run one at a time. */
  queues: Map<string, Promise<unknown>>;
}
const state: RecorderState = ((globalThis as { [KEY]?: RecorderState })[KEY] ??= { sinks: new Map(), problems: new Map(), queues: new Map() });

export function setRecordingListener(listener: RecordingListener | undefined): void {
  state.listener = listener;
}

function serial<T>(sessionId: string, job: () => Promise<T>): Promise<T> {
  const prev = state.queues.get(sessionId) ?? Promise.resolve();
  const next = prev.then(job, job);
  const settled = next.catch(() => undefined);
  state.queues.set(sessionId, settled);
  void settled.then(() => {
    if (state.queues.get(sessionId) === settled) state.queues.delete(sessionId);
  });
  return next;
}

export const toActive = (row: RecordingRow): ActiveRecording => ({
  recordingId: row.id,
  status: row.status === 'paused' ? 'paused' : 'recording',
  startedAt: row.startedAt.toISOString(),
  burnCaptions: row.burnCaptions,
});

export async function recordingState(sessionId: string): Promise<RecordingState> {
  const row = await activeRecording(sessionId);
  return { sessionId, active: row ? toActive(row) : null, problem: state.problems.get(sessionId) ?? null };
}

async function announce(sessionId: string, listChanged: boolean): Promise<void> {
  state.listener?.(sessionId, await recordingState(sessionId), listChanged);
}

function attach(row: RecordingRow): void {
  let reported = false;
  const sink = new RecordingSink(row, (problem) => {
    // The disk check and FFmpeg's exit may both notice the same full disk: one stop.
    if (reported) return;
    reported = true;
    sink.unwatchDisk();
    state.problems.set(row.sessionId, problem);
    // Stopping runs outside the composer's switch that reported the problem (it waits for that switch).
    setTimeout(() => void stopRecording(row.sessionId).catch((err: unknown) => console.error('[recording] stop after problem', err)), 0);
  });
  state.sinks.set(row.sessionId, sink);
  composerFor(row.sessionId).addSink(sink);
  sink.watchDisk();
}

async function detach(sessionId: string): Promise<void> {
  const sink = state.sinks.get(sessionId);
  if (!sink) return;
  sink.unwatchDisk();
  state.sinks.delete(sessionId);
  await releaseSink(sessionId, sink.id);
}

export function startRecording(sessionId: string, userId: string, clientId: string, options: { burnCaptions?: boolean } = {}): Promise<ActiveRecording> {
  return serial(sessionId, async () => {
    const running = await activeRecording(sessionId);
    if (running) {
      if (running.clientId === clientId) return toActive(running);
      throw new DomainError('conflict', 'recording.alreadyRecording');
    }
    await requireFfmpeg();
    if ((await freeBytes()) < minFreeBytes()) throw new DomainError('conflict', 'recording.diskFull');
    if (options.burnCaptions) {
      const font = await captionFont();
      if (!font.ok) {
        console.warn(`[recording] cannot burn captions: ${font.message}`);
        throw new DomainError('conflict', 'recording.captionFontMissing');
      }
    }
    const row = await insertRecording({ sessionId, clientId, startedBy: userId, burnCaptions: options.burnCaptions ?? false });
    if (row.sessionId !== sessionId) throw new DomainError('conflict', 'recording.alreadyRecording');
    if (row.status !== 'recording') return toActive(row);
    state.problems.delete(sessionId);
    attach(row);
    await announce(sessionId, true);
    return toActive(row);
  });
}

async function requireActive(sessionId: string): Promise<RecordingRow> {
  const row = await activeRecording(sessionId);
  if (!row) throw new DomainError('conflict', 'recording.notRecording');
  return row;
}

export function pauseRecording(sessionId: string): Promise<ActiveRecording> {
  return serial(sessionId, async () => {
    const row = await requireActive(sessionId);
    if (row.status === 'paused') return toActive(row);
    await detach(sessionId);
    const updated = (await updateRecording(row.id, { status: 'paused' }))!;
    await announce(sessionId, false);
    return toActive(updated);
  });
}

export function resumeRecording(sessionId: string): Promise<ActiveRecording> {
  return serial(sessionId, async () => {
    const row = await requireActive(sessionId);
    if (row.status === 'recording' && state.sinks.has(sessionId)) return toActive(row);
    if ((await freeBytes()) < minFreeBytes()) throw new DomainError('conflict', 'recording.diskFull');
    const updated = (await updateRecording(row.id, { status: 'recording' }))!;
    attach(updated);
    await announce(sessionId, false);
    return toActive(updated);
  });
}

export function stopRecording(sessionId: string): Promise<{ recordingId: string }> {
  return serial(sessionId, async () => {
    const row = await requireActive(sessionId);
    await detach(sessionId);
    await updateRecording(row.id, { status: 'processing', endedAt: new Date() });
    await announce(sessionId, true);
    // Joining the segments takes seconds (no re-encoding); the stop is acknowledged at once.
    void finishRecording(row).then(() => announce(sessionId, true));
    return { recordingId: row.id };
  });
}

/**
 * Joins a recording's segments into its one MP4 (stream copy, no re-encoding), skipping any segment
 * ffprobe cannot read, and marks it ready (or failed when nothing playable was recorded).
 */
export async function finishRecording(row: RecordingRow): Promise<RecordingRow | undefined> {
  const dir = segmentDir(row.sessionId, row.id);
  const segments = await listSegments(dir);
  const playable: string[] = [];
  for (const s of segments) {
    const info = await probe(s);
    if (info && info.durationSec > 0.2 && info.video) playable.push(s);
    else console.warn(`[recording ${row.id}] skipping unreadable segment ${path.basename(s)}`);
  }
  if (!playable.length) {
    await rm(dir, { recursive: true, force: true });
    return updateRecording(row.id, { status: 'failed', error: 'nothing-recorded', endedAt: row.endedAt ?? new Date() });
  }
  const out = finalPath(row.sessionId, row.id);
  const joined = await joinSegments(playable, out, `recording ${row.id}`);
  const info = joined.ok ? await probe(out) : null;
  if (!info) {
    console.error(`[recording ${row.id}] joining segments failed: ${joined.ok ? 'unreadable result' : joined.tail.slice(-500)}`);
    return updateRecording(row.id, { status: 'failed', error: 'join-failed', endedAt: row.endedAt ?? new Date() });
  }
  await rm(dir, { recursive: true, force: true });
  const sizeBytes = await fileSize(out);
  return updateRecording(row.id, {
    status: 'ready',
    storageKey: await storeFinished(out, row),
    durationMs: Math.round(info.durationSec * 1000),
    sizeBytes,
    endedAt: row.endedAt ?? new Date(),
  });
}

/**
 * Moves a finished MP4 to object storage when it is configured. A bucket that refuses keeps the
 * file on disk (still listed and playable from there) rather than losing it.
 */
async function storeFinished(out: string, row: RecordingRow): Promise<string> {
  if (!objectStorage()) return storageKeyFor(row.sessionId, row.id);
  try {
    const key = await uploadRecording(out, row.sessionId, row.id);
    await rm(out, { force: true });
    return key;
  } catch (err) {
    console.error(`[recording ${row.id}] upload to object storage failed; the file stays on disk`, err);
    return storageKeyFor(row.sessionId, row.id);
  }
}

/** At start: recordings a crash left running are finished from the segments on disk (a gap, not a lost file). */
export async function recoverRecordings(): Promise<number> {
  const rows = await unfinishedRecordings();
  for (const row of rows) {
    if (state.sinks.has(row.sessionId)) continue;
    await updateRecording(row.id, { status: 'processing', endedAt: row.endedAt ?? new Date() });
    await finishRecording({ ...row, endedAt: row.endedAt ?? new Date() }).catch((err: unknown) => console.error(`[recording ${row.id}] recovery failed`, err));
  }
  return rows.length;
}

/** On shutdown: stop every recording of this process so its file is finished. */
export async function stopAllRecordings(): Promise<void> {
  for (const sessionId of [...state.sinks.keys()]) {
    const row = await activeRecording(sessionId);
    await detach(sessionId);
    if (row) {
      await updateRecording(row.id, { status: 'processing', endedAt: new Date() });
      await finishRecording(row);
    }
  }
}

export async function recordingOfSession(recordingId: string): Promise<RecordingRow | undefined> {
  return findRecording(recordingId);
}

export const newPublicToken = () => randomBytes(18).toString('base64url');
