import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFfmpeg } from '../../server/ffmpeg/ffmpeg';
import { existsSync, readFileSync } from 'node:fs';
import { hlsDir, hlsFile } from '../../server/streaming/hls';
import { probe } from '../../server/ffmpeg/probe';
import { send, type TestSocket } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia, meetingWithModerator } from '../fixtures/media';
import { testPatternOnStage } from '../fixtures/recording';
import type { ServerEventPayload } from '../../lib/contracts/realtime';

// Ports from this helper's range (3351–3369): a local RTMP receiver, and one where nothing listens.
const testServer = useTestServer();
const { as } = testServer;

const RECEIVER_PORT = 3352;
const NOBODY_PORT = 3353;

const closers: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const c of closers) await c();
});

async function streamedSession() {
  const { organizer, session, m, p } = await meetingWithModerator(as);
  await joinMedia(p, session.id);
  const source = await testPatternOnStage(session.id, { userId: organizer.id, name: 'Hall' });
  closers.push(() => source.close());
  return { session, m, p };
}

/** Collects a socket's stream status notices and waits for one that matches. */
function statuses(socket: TestSocket) {
  const seen: ServerEventPayload<'stream:status'>[] = [];
  socket.on('stream:status', (s) => seen.push(s));
  return {
    seen,
    async until(destinationId: string, state: string, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!seen.some((s) => s.destinationId === destinationId && s.status.state === state)) {
        if (Date.now() > deadline) throw new Error(`no ${state} for ${destinationId}; saw ${JSON.stringify(seen)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return seen.filter((s) => s.destinationId === destinationId && s.status.state === state).at(-1)!;
    },
  };
}

describe('streaming out: permissions and bad input', () => {
  it('refuses a participant (forbidden) and a destination that is not rtmp (invalid_payload)', async () => {
    const { session, m, p } = await streamedSession();
    const add = { sessionId: session.id, clientId: randomUUID(), label: 'YouTube', url: 'rtmp://127.0.0.1/live', streamKey: 'secret-key' };
    const byParticipant = await send(p, 'stream:add-destination', add);
    expect(byParticipant.ok ? null : byParticipant.error.code).toBe('forbidden');
    const list = await send(p, 'stream:destinations', { sessionId: session.id });
    expect(list.ok ? null : list.error.code).toBe('forbidden');
    for (const url of ['http://example.org/live', 'rtmp://', 'file:///etc/passwd', 'rtmp://host/app?x=1']) {
      const bad = await send(m, 'stream:add-destination', { ...add, clientId: randomUUID(), url });
      expect(bad.ok ? null : bad.error.code).toBe('invalid_payload');
    }
    const noKey = await send(m, 'stream:add-destination', { ...add, clientId: randomUUID(), streamKey: '' });
    expect(noKey.ok ? null : noKey.error.code).toBe('invalid_payload');
    const unknown = await send(m, 'stream:start', { destinationId: randomUUID() });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
  });
});

describe('streaming out to RTMP', () => {
  it('sends the composed stage (H.264 + AAC) to a local RTMP receiver; a refused destination shows an error and changes nothing else; the key never leaves the server', { timeout: 150_000 }, async () => {
    const { session, m, p } = await streamedSession();
    const dir = mkdtempSync(path.join(tmpdir(), 'balai-rtmp-'));
    const received = path.join(dir, 'received.flv');
    const receiver = startFfmpeg(['-y', '-listen', '1', '-timeout', '120', '-i', `rtmp://127.0.0.1:${RECEIVER_PORT}/live/test-key-123`, '-t', '8', '-c', 'copy', received], 'receiver');
    closers.push(() => receiver.stop(1000));

    const listed = await send(m, 'stream:destinations', { sessionId: session.id });
    expect(listed.ok && listed.data.destinations).toEqual([]);
    const watch = statuses(m);
    const added = await send(m, 'stream:add-destination', {
      sessionId: session.id,
      clientId: randomUUID(),
      label: 'Local receiver',
      url: `rtmp://127.0.0.1:${RECEIVER_PORT}/live`,
      streamKey: 'test-key-123',
    });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.data).toMatchObject({ label: 'Local receiver', keySet: true, status: { state: 'off' } });
    expect(JSON.stringify(added.data)).not.toContain('test-key-123');

    const started = await send(m, 'stream:start', { destinationId: added.data.id });
    expect(started.ok).toBe(true);
    await watch.until(added.data.id, 'live');

    const refused = await send(m, 'stream:add-destination', {
      sessionId: session.id,
      clientId: randomUUID(),
      label: 'Nobody home',
      url: `rtmp://127.0.0.1:${NOBODY_PORT}/live`,
      streamKey: 'another-secret',
    });
    if (!refused.ok) throw new Error(refused.error.message);
    await send(m, 'stream:start', { destinationId: refused.data.id });
    const failed = await watch.until(refused.data.id, 'error');
    expect(failed.status.error).toBe('refused');

    // The receiver stops after 8 s of media; its file holds the composed stage.
    const { code } = await receiver.exited;
    expect(code).toBe(0);
    const info = await probe(received);
    expect(info?.video).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
    expect(info?.audio?.codec).toBe('aac');
    expect(info!.durationSec).toBeGreaterThan(6);

    // The session went on: the participant is still in the live room and may still ask for its state.
    expect((await send(p, 'recording:join', { sessionId: session.id })).ok).toBe(true);
    for (const id of [added.data.id, refused.data.id]) {
      const stopped = await send(m, 'stream:stop', { destinationId: id });
      expect(stopped.ok && stopped.data.status.state).toBe('off');
    }
    expect(JSON.stringify(watch.seen)).not.toMatch(/test-key-123|another-secret/);
    const removed = await send(m, 'stream:remove-destination', { destinationId: refused.data.id });
    expect(removed.ok).toBe(true);
    const after = await send(m, 'stream:destinations', { sessionId: session.id });
    expect(after.ok && after.data.destinations.map((d) => d.id)).toEqual([added.data.id]);
  });
});

describe('the watch-only stream (HLS)', () => {
  it('only staff start it; it writes a live playlist of H.264/AAC segments; everyone in the session is told', { timeout: 120_000 }, async () => {
    const { session, m, p } = await streamedSession();
    const denied = await send(p, 'watch:enable', { sessionId: session.id });
    expect(denied.ok ? null : denied.error.code).toBe('forbidden');
    const before = await send(p, 'watch:get', { sessionId: session.id });
    expect(before.ok && before.data).toMatchObject({ enabled: false, playlistUrl: null, can: { manage: false } });
    const told = new Promise((resolve) => p.once('watch:changed', resolve));
    const on = await send(m, 'watch:enable', { sessionId: session.id });
    expect(on.ok && on.data.playlistUrl).toBe(`/watch/${session.id}/index.m3u8`);
    await told;
    const playlist = hlsFile(session.id, 'index.m3u8')!;
    await expect.poll(() => (existsSync(playlist) ? (readFileSync(playlist, 'utf8').match(/\.ts/g) ?? []).length : 0), { timeout: 60_000 }).toBeGreaterThan(2);
    const first = /s\d{5}\.ts/.exec(readFileSync(playlist, 'utf8'))![0];
    const info = await probe(hlsFile(session.id, first)!);
    expect(info?.video?.codec).toBe('h264');
    expect(info?.audio?.codec).toBe('aac');
    expect(hlsFile(session.id, '../../etc/passwd')).toBeNull();
    const off = await send(m, 'watch:disable', { sessionId: session.id });
    expect(off.ok && off.data.enabled).toBe(false);
    expect(existsSync(hlsDir(session.id))).toBe(false);
  });
});
