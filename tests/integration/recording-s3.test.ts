import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { probe } from '../../server/ffmpeg/probe';
import { listRecordingObjects, objectKeyOf } from '../../server/recording/object-storage';
import { recordingFileResponse } from '../../server/recording/recording-response';
import { finalPath, segmentDir } from '../../server/recording/storage';
import { findRecording } from '../../lib/db/queries/recordings';
import { addMember, connectAs, createEventWithSession, createUser, send, startTestServer, type TestSocket, type TestUser } from '../fixtures/server';
import { testPatternOnStage, untilListed, untilSegmentHolds } from '../fixtures/recording';
import { localS3 } from '../fixtures/object-storage';

/** Finished recordings in S3-compatible storage (a local s3rver): uploaded, listed, streamed with ranges, deleted. */

let server: RunningServer;
let s3: Awaited<ReturnType<typeof localS3>>;
const sockets: TestSocket[] = [];
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  s3 = await localS3();
  server = await startTestServer();
});
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
  await s3.close();
});

async function recordOnce() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  const moderator: TestUser = await createUser('Moderator');
  const presenter = await createUser('Presenter');
  await addMember(event.id, moderator, 'moderator');
  await addMember(event.id, presenter, 'presenter');
  const m = await connectAs(server, moderator);
  sockets.push(m);
  await send(m, 'recording:join', { sessionId: session.id });
  const source = await testPatternOnStage(session.id, { userId: presenter.id, name: presenter.name });
  closers.push(() => source.close());
  const started = await send(m, 'recording:start', { sessionId: session.id, clientId: randomUUID() });
  if (!started.ok) throw new Error(started.error.message);
  await untilSegmentHolds(segmentDir(session.id, started.data.recordingId), 3);
  expect((await send(m, 'recording:stop', { sessionId: session.id })).ok).toBe(true);
  const row = await untilListed(m, async () => {
    const r = await findRecording(started.data.recordingId);
    return r && (r.status === 'ready' || r.status === 'failed') ? r : undefined;
  }, 60_000);
  return { m, session, row };
}

const opts = { filename: 'x.mp4', download: false };

describe('recordings in S3-compatible object storage', () => {
  it('uploads the finished MP4, lists it in the bucket, streams it with byte ranges and deletes it from there', { timeout: 180_000 }, async () => {
    const { m, session, row } = await recordOnce();
    expect(row.status).toBe('ready');
    expect(row.storageKey).toMatch(/^s3:recordings\//);
    const key = objectKeyOf(row.storageKey!)!;
    // Moved, not copied: nothing of it is left on the local disk.
    expect(existsSync(finalPath(session.id, row.id))).toBe(false);
    expect(await listRecordingObjects(session.id)).toEqual([key]);

    // A range, as a video element seeks: 206 with the slice and the full size.
    const part = await recordingFileResponse(row.storageKey!, 'bytes=0-99', opts);
    expect(part!.status).toBe(206);
    expect(part!.headers.get('content-range')).toBe(`bytes 0-99/${row.sizeBytes}`);
    const head = Buffer.from(await part!.arrayBuffer());
    expect(head.length).toBe(100);
    expect(head.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const tail = await recordingFileResponse(row.storageKey!, `bytes=${row.sizeBytes! - 10}-`, opts);
    expect(tail!.status).toBe(206);
    expect((await tail!.arrayBuffer()).byteLength).toBe(10);
    // A range past the end is refused; a malformed one never reaches the bucket.
    expect((await recordingFileResponse(row.storageKey!, `bytes=${row.sizeBytes! + 10}-`, opts))!.status).toBe(416);
    expect((await recordingFileResponse(row.storageKey!, 'bytes=abc', opts))!.status).toBe(416);

    // The whole object is the playable recording.
    const whole = await recordingFileResponse(row.storageKey!, null, opts);
    expect(whole!.status).toBe(200);
    const file = path.join(tmpdir(), `balai-s3-${row.id}.mp4`);
    await writeFile(file, Buffer.from(await whole!.arrayBuffer()));
    const info = await probe(file);
    expect(info?.video).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
    expect(info!.durationSec).toBeGreaterThan(2);

    const deleted = await send(m, 'recording:delete', { recordingId: row.id });
    expect(deleted.ok).toBe(true);
    expect(await listRecordingObjects(session.id)).toEqual([]);
    expect(await findRecording(row.id)).toBeUndefined();
    expect((await recordingFileResponse(row.storageKey!, null, opts))!.status).toBe(404);
  });

  it('keeps the recording on disk, playable, when the bucket refuses the upload', { timeout: 180_000 }, async () => {
    s3.useBucket('no-such-bucket');
    try {
      const { session, row } = await recordOnce();
      expect(row.status).toBe('ready');
      expect(row.storageKey).toBe(`local:${session.id}/${row.id}.mp4`);
      expect((await probe(finalPath(session.id, row.id)))?.video?.codec).toBe('h264');
      const part = await recordingFileResponse(row.storageKey!, 'bytes=0-99', opts);
      expect(part!.status).toBe(206);
    } finally {
      s3.useBucket(s3.bucket);
    }
  });

  it('never resolves a storage key Balai did not write', () => {
    expect(objectKeyOf('s3:../../etc/passwd.mp4')).toBeNull();
    expect(objectKeyOf('s3:recordings/a/b.mp4')).toBe('recordings/a/b.mp4');
    expect(objectKeyOf('local:x')).toBeNull();
  });
});
