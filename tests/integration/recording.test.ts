import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { probe } from '../../server/ffmpeg/probe';
import { existingComposer } from '../../server/recording/stage-composer';
import { finalPath, listSegments, segmentDir } from '../../server/recording/storage';
import { activeRecording, findRecording } from '../../lib/db/queries/recordings';
import { createUser, nextEvent, send, type TestSocket } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia } from '../fixtures/media';
import { letMediaRun, testPatternOnStage, untilListed, recordingCast } from '../fixtures/recording';

const testServer = useTestServer();
const { as } = testServer;

const closers: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const c of closers) await c();
});

async function recordedSession() {
  const { session, presenter, m, p } = await recordingCast(as);
  await joinMedia(p, session.id);
  const source = await testPatternOnStage(session.id, { userId: presenter.id, name: presenter.name });
  closers.push(() => source.close());
  const mJoin = await send(m, 'recording:join', { sessionId: session.id });
  const pJoin = await send(p, 'recording:join', { sessionId: session.id });
  return { session, m, p, source, mJoin, pJoin };
}

async function readyRecording(socket: TestSocket, sessionId: string, recordingId: string) {
  return untilListed(socket, async () => {
    const row = await findRecording(recordingId);
    return row && (row.status === 'ready' || row.status === 'failed') ? row : undefined;
  }, 60_000);
}

describe('recording: permissions and bad input', () => {
  it.each([
    ['no session id', { clientId: randomUUID() }],
    ['no client id', { sessionId: randomUUID() }],
    ['a session id that is no uuid', { sessionId: 'x', clientId: randomUUID() }],
  ])('recording:start refuses %s with invalid_payload', async (_label, payload) => {
    const user = await createUser();
    const s = await as(user);
    const ack = await send(s, 'recording:start', payload);
    expect(ack.ok ? null : ack.error.code).toBe('invalid_payload');
  });

  it('a participant may not start recording: forbidden, nothing recorded, nobody told', async () => {
    const { session, m, p, pJoin } = await recordedSession();
    expect(pJoin.ok && pJoin.data.can.manage).toBe(false);
    const heard: unknown[] = [];
    m.on('recording:state', (s) => heard.push(s));
    const ack = await send(p, 'recording:start', { sessionId: session.id, clientId: randomUUID() });
    expect(ack.ok ? null : ack.error.code).toBe('forbidden');
    for (const event of ['recording:pause', 'recording:resume', 'recording:stop'] as const) {
      const other = await send(p, event, { sessionId: session.id });
      expect(other.ok ? null : other.error.code).toBe('forbidden');
    }
    // A notice sent to m before now arrives before this ack (one socket's messages stay in order).
    await send(m, 'recording:join', { sessionId: session.id });
    expect(heard).toEqual([]);
    expect(await activeRecording(session.id)).toBeUndefined();
  });

  it('pausing a session that is not recorded is a conflict', async () => {
    const { session, m } = await recordedSession();
    const ack = await send(m, 'recording:pause', { sessionId: session.id });
    expect(ack.ok ? null : ack.error.code).toBe('conflict');
  });
});

describe('recording a session', () => {
  it('records about 20 s of the stage into one MP4 (H.264 1280×720 + AAC); pause leaves no gap; everyone sees the indicator', { timeout: 150_000 }, async () => {
    const { session, m, p, mJoin } = await recordedSession();
    expect(mJoin.ok && mJoin.data.can.manage).toBe(true);
    const clientId = randomUUID();
    const told = nextEvent(p, 'recording:state');
    const started = await send(m, 'recording:start', { sessionId: session.id, clientId });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect((await told).active).toMatchObject({ recordingId: started.data.recordingId, status: 'recording' });
    // A retried start (same client id) finds the same recording; another start is a conflict.
    const again = await send(m, 'recording:start', { sessionId: session.id, clientId });
    expect(again.ok && again.data.recordingId).toBe(started.data.recordingId);
    const other = await send(m, 'recording:start', { sessionId: session.id, clientId: randomUUID() });
    expect(other.ok ? null : other.error.code).toBe('conflict');
    // Someone joining now is told.
    const late = await send(p, 'recording:join', { sessionId: session.id });
    expect(late.ok && late.data.active?.status).toBe('recording');

    await letMediaRun(11_000);
    const pausedNotice = nextEvent(p, 'recording:state');
    const paused = await send(m, 'recording:pause', { sessionId: session.id });
    expect(paused.ok && paused.data.status).toBe('paused');
    expect((await pausedNotice).active?.status).toBe('paused');
    await letMediaRun(14_000);
    const resumed = await send(m, 'recording:resume', { sessionId: session.id });
    expect(resumed.ok && resumed.data.status).toBe('recording');
    await letMediaRun(11_000);
    const stoppedNotice = nextEvent(p, 'recording:state');
    const stopped = await send(m, 'recording:stop', { sessionId: session.id });
    expect(stopped.ok).toBe(true);
    expect((await stoppedNotice).active).toBeNull();

    const row = await readyRecording(m, session.id, started.data.recordingId);
    expect(row.status).toBe('ready');
    const info = await probe(finalPath(session.id, row.id));
    expect(info?.video).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
    expect(info?.audio).toMatchObject({ codec: 'aac', channels: 2 });
    // 22 s were recorded around a 14 s pause: the file holds the recorded time (minus FFmpeg's start-up
    // per segment, plus the seconds a loaded machine takes to switch segments), not the paused time —
    // a frozen gap would make it 36 s or more.
    expect(info!.durationSec).toBeGreaterThan(12);
    expect(info!.durationSec).toBeLessThan(30);
    expect(existsSync(segmentDir(session.id, row.id))).toBe(false);

    // The staff-only recording is not listed to the participant until the organizer opens it to participants.
    const hidden = await send(p, 'recording:list', { sessionId: session.id });
    expect(hidden.ok && hidden.data.recordings).toEqual([]);
    const opened = await send(m, 'recording:set-visibility', { recordingId: row.id, visibility: 'participants' });
    expect(opened.ok).toBe(true);
    const listed = await send(p, 'recording:list', { sessionId: session.id });
    expect(listed.ok && listed.data.recordings.map((r) => [r.id, r.url])).toEqual([[row.id, `/recordings/${row.id}/file`]]);
    const pDelete = await send(p, 'recording:delete', { recordingId: row.id });
    expect(pDelete.ok ? null : pDelete.error.code).toBe('not_found');
    const deleted = await send(m, 'recording:delete', { recordingId: row.id });
    expect(deleted.ok).toBe(true);
    expect(existsSync(finalPath(session.id, row.id))).toBe(false);
    expect(await findRecording(row.id)).toBeUndefined();
  });

  it('a recorder killed mid-way leaves a playable file, and the recording goes on in a new segment', { timeout: 120_000 }, async () => {
    const { session, m } = await recordedSession();
    const started = await send(m, 'recording:start', { sessionId: session.id, clientId: randomUUID() });
    if (!started.ok) throw new Error(started.error.message);
    await letMediaRun(8_000);
    const pid = existingComposer(session.id)?.ffmpegPid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    const [first] = await listSegments(segmentDir(session.id, started.data.recordingId));
    const crashed = await probe(first!);
    expect(crashed?.video?.codec).toBe('h264');
    expect(crashed!.durationSec).toBeGreaterThan(3);
    await letMediaRun(8_000);
    await send(m, 'recording:stop', { sessionId: session.id });
    const row = await readyRecording(m, session.id, started.data.recordingId);
    expect(row.status).toBe('ready');
    const info = await probe(finalPath(session.id, row.id));
    expect(info!.durationSec).toBeGreaterThan(crashed!.durationSec + 2);
  });
});
