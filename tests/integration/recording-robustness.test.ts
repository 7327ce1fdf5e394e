import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { probe } from '../../server/ffmpeg/probe';
import { finalPath, segmentDir } from '../../server/recording/storage';
import { poolWorkers } from '../../server/sfu/worker-pool';
import { findLivePeer, liveRoomsOfSession } from '../../server/sfu/rooms';
import { activeRecording, findRecording } from '../../lib/db/queries/recordings';
import { resetEnvCache } from '../../lib/env';
import { nextEvent, send, type TestSocket, type TestUser } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia } from '../fixtures/media';
import { colourOnStage, decodesCleanly, letMediaRun, regionColour, untilListed, untilSegmentHolds, recordingCast } from '../fixtures/recording';

/**
 * A recording outlives what happens to the session around it: a presenter who reconnects, a
 * mediasoup worker that dies (a gap in the file, not a lost file), and a disk that fills up (a clear
 * error for everyone; the session goes on).
 */

const testServer = useTestServer();
const { as } = testServer;

const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const isRed = (c: { v: number }) => c.v > 200;
const isLime = (c: { u: number; v: number }) => c.u < 100 && c.v < 100;
const CENTRE = { x: 440, y: 260, width: 400, height: 200 };

async function newSession() {
  const { session, presenter, m, p } = await recordingCast(as);
  await send(m, 'recording:join', { sessionId: session.id });
  await send(p, 'recording:join', { sessionId: session.id });
  return { session, m, p, presenter };
}

async function onStage(sessionId: string, owner: TestUser, colour: string) {
  const source = await colourOnStage(sessionId, { userId: owner.id, name: owner.name }, colour);
  closers.push(() => source.close());
  return source;
}

async function start(m: TestSocket, sessionId: string) {
  const started = await send(m, 'recording:start', { sessionId, clientId: randomUUID() });
  if (!started.ok) throw new Error(started.error.message);
  return started.data.recordingId;
}

async function stopAndRead(m: TestSocket, sessionId: string, recordingId: string) {
  expect((await send(m, 'recording:stop', { sessionId })).ok).toBe(true);
  const row = await untilListed(m, async () => {
    const r = await findRecording(recordingId);
    return r && (r.status === 'ready' || r.status === 'failed') ? r : undefined;
  }, 60_000);
  expect(row.status).toBe('ready');
  const file = finalPath(sessionId, row.id);
  const info = await probe(file);
  return { file, durationSec: info!.durationSec };
}

/** The file plays from start to end, opens with the first part (red) and ends with the second (lime). */
async function expectBothParts(file: string, durationSec: number) {
  const decoded = await decodesCleanly(file);
  expect(decoded.ok, decoded.errors).toBe(true);
  const first = await regionColour(file, 1, CENTRE);
  expect(isRed(first), `first part: ${JSON.stringify(first)}`).toBe(true);
  const last = await regionColour(file, Math.max(0, durationSec - 1.5), CENTRE);
  expect(isLime(last), `second part: ${JSON.stringify(last)}`).toBe(true);
}

describe('a recording goes on through trouble', () => {
  it('continues through a presenter’s reconnect: one file holding both parts', { timeout: 240_000 }, async () => {
    const { session, m, presenter } = await newSession();
    const before = await onStage(session.id, presenter, '0xFF0000');
    const recordingId = await start(m, session.id);
    const dir = segmentDir(session.id, recordingId);
    const firstPart = await untilSegmentHolds(dir, 4);
    // The presenter drops and comes back (a new peer, new producers).
    await before.close();
    await onStage(session.id, presenter, '0x00FF00');
    await untilLimeSegment(dir, firstPart);
    const { file, durationSec } = await stopAndRead(m, session.id, recordingId);
    expect(durationSec).toBeGreaterThan(8);
    await expectBothParts(file, durationSec);
  });

  it('continues through a mediasoup worker restart: a gap, not a lost file', { timeout: 240_000 }, async () => {
    const { session, m, presenter } = await newSession();
    const before = await onStage(session.id, presenter, '0xFF0000');
    const room = liveRoomsOfSession(session.id)[0]!;
    const recordingId = await start(m, session.id);
    const dir = segmentDir(session.id, recordingId);
    const firstPart = await untilSegmentHolds(dir, 4);
    const pids = poolWorkers().map((w) => w.pid);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    // The room ends with its worker; the recording keeps running (the placeholder fills the gap).
    await untilTrue(() => room.closed);
    expect((await activeRecording(session.id))?.status).toBe('recording');
    await before.close();
    // The presenter joins again on the replacement worker.
    await untilTrue(() => poolWorkers().length > 0 && poolWorkers().every((w) => !pids.includes(w.pid)));
    await onStage(session.id, presenter, '0x00FF00');
    // The placeholder's segment came in between; the lime part is the newest segment once it holds picture.
    await untilLimeSegment(dir, firstPart);
    const { file, durationSec } = await stopAndRead(m, session.id, recordingId);
    expect(durationSec).toBeGreaterThan(8);
    await expectBothParts(file, durationSec);
  });

  it('a full disk stops the recording with a clear error everyone sees, keeps what was recorded, and never stops the session', { timeout: 120_000 }, async () => {
    const { session, m, p, presenter } = await newSession();
    await joinMedia(p, session.id);
    const source = await onStage(session.id, presenter, '0xFF0000');
    const recordingId = await start(m, session.id);
    await untilSegmentHolds(segmentDir(session.id, recordingId), 3);
    const saved = process.env.RECORDING_MIN_FREE_MB;
    try {
      // More free space asked for than any disk here has: the disk is "full".
      process.env.RECORDING_MIN_FREE_MB = '1000000';
      resetEnvCache();
      const told = await untilNotice(p, (s) => s.problem === 'disk-full');
      expect(told.active).toBeNull();
      // Someone joining now is told too.
      const late = await send(p, 'recording:join', { sessionId: session.id });
      expect(late.ok && late.data.problem).toBe('disk-full');
      // A new start is refused while the disk is full, with its own code and message.
      const again = await send(m, 'recording:start', { sessionId: session.id, clientId: randomUUID() });
      expect(again.ok ? null : again.error.code).toBe('conflict');
      expect(again.ok ? '' : again.error.message).toMatch(/disk/i);
    } finally {
      if (saved === undefined) delete process.env.RECORDING_MIN_FREE_MB;
      else process.env.RECORDING_MIN_FREE_MB = saved;
      resetEnvCache();
    }
    // The session goes on: the presenter's media and the participant are still in the live room.
    const live = findLivePeer(source.peerId);
    expect(live?.room.closed).toBe(false);
    expect([...live!.peer.producers.values()].every((x) => !x.producer.closed)).toBe(true);
    expect([...live!.room.peers.values()].some((x) => x.socketId === p.id)).toBe(true);
    // What was recorded before the disk filled is a playable recording.
    const row = await untilListed(m, async () => {
      const r = await findRecording(recordingId);
      return r && (r.status === 'ready' || r.status === 'failed') ? r : undefined;
    }, 60_000);
    expect(row.status).toBe('ready');
    expect((await probe(finalPath(session.id, row.id)))!.durationSec).toBeGreaterThan(2);
    // With space again, recording starts again and the problem is cleared for everyone.
    const cleared = nextEvent(p, 'recording:state', 20_000);
    const restarted = await send(m, 'recording:start', { sessionId: session.id, clientId: randomUUID() });
    expect(restarted.ok).toBe(true);
    expect((await cleared).problem).toBeNull();
    await send(m, 'recording:stop', { sessionId: session.id });
  });
});

/** Waits until the newest segment after `after` shows the lime camera for a few seconds. */
async function untilLimeSegment(dir: string, after: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const newest = await untilSegmentHolds(dir, 4, { after, timeoutMs: Math.max(1, deadline - Date.now()) });
    const info = await probe(newest);
    // The last fragment may still be partly written: look a little before the end, and look again later if unreadable.
    const colour = await regionColour(newest, Math.max(0, info!.durationSec - 2), CENTRE).catch(() => null);
    if (colour && isLime(colour)) return;
    if (Date.now() > deadline) throw new Error('the lime camera never reached the recording');
    await letMediaRun(1000);
  }
}

/** Waits for a condition the server reaches by itself (a worker's death, its replacement) without a fixed sleep. */
async function untilTrue(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function untilNotice(socket: TestSocket, match: (s: { problem: string | null; active: unknown }) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const notice = await nextEvent(socket, 'recording:state', Math.max(1, deadline - Date.now()));
    if (match(notice)) return notice;
  }
}
