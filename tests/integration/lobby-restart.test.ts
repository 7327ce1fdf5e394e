import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { connectAs, send, startTestServer } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';

// A database on disk (or the PostgreSQL of DATABASE_URL) that outlives the first server.
const dir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(os.tmpdir(), 'balai-lobby-restart-'));
if (dir) process.env.BALAI_DATA_DIR = dir;

const running: RunningServer[] = [];
afterAll(async () => {
  for (const s of running) await s.close().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('server restart', () => {
  it('keeps the lobby switch, the admitted, the denied and the waiting', { timeout: 120_000 }, async () => {
    const first = await startTestServer();
    running.push(first);
    const cast = await qaCast();
    const mod = await connectAs(first, cast.moderator);
    await send(mod, 'lobby:set', { sessionId: cast.sessionId, enabled: true });
    const [admitted, denied, waits] = await Promise.all([cast.online, cast.hall, cast.other].map((u) => connectAs(first, u)));
    for (const s of [admitted!, denied!, waits!]) expect((await send(s, 'lobby:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect((await send(mod, 'lobby:admit', { sessionId: cast.sessionId, userIds: [cast.online.id] })).ok).toBe(true);
    expect((await send(mod, 'lobby:deny', { sessionId: cast.sessionId, userId: cast.hall.id, message: 'Full room' })).ok).toBe(true);
    for (const s of [mod, admitted!, denied!, waits!]) s.disconnect();
    await first.close();
    running.length = 0;

    const second = await startTestServer();
    running.push(second);
    const [mod2, a2, d2, w2] = await Promise.all([cast.moderator, cast.online, cast.hall, cast.other].map((u) => connectAs(second, u)));
    expect(await send(mod2!, 'lobby:join', { sessionId: cast.sessionId })).toMatchObject({
      ok: true,
      data: { enabled: true, waiting: [{ userId: cast.other.id, name: 'Oki Other' }] },
    });
    expect((await send(a2!, 'presence:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect((await send(a2!, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect(await send(d2!, 'presence:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(d2!, 'lobby:join', { sessionId: cast.sessionId })).toMatchObject({ ok: true, data: { me: { standing: 'denied', message: 'Full room' } } });
    expect(await send(w2!, 'media:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const s of [mod2!, a2!, d2!, w2!]) s.disconnect();
  });
});
