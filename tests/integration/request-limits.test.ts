import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { RunningServer } from '../../server/app-server';
import { resetEnvCache } from '../../lib/env';
import { REQUEST_KINDS } from '../../lib/contracts/request-kinds';
import { clientEvents } from '../../lib/contracts/realtime';
import { connectAs, send, startTestServer, type TestSocket } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';

let server: RunningServer;
const open: TestSocket[] = [];
const LIMITS = ['BALAI_LIMIT_SOCKET_WRITES', 'BALAI_LIMIT_PERSON_WRITES', 'BALAI_LIMIT_SOCKET_READS', 'BALAI_LIMIT_REQUEST_WINDOW_SECONDS'] as const;

function setLimits(values: Partial<Record<(typeof LIMITS)[number], number>>) {
  for (const [k, v] of Object.entries(values)) process.env[k] = String(v);
  resetEnvCache();
}

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const k of LIMITS) delete process.env[k];
  resetEnvCache();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

const chat = (socket: TestSocket, sessionId: string, body: string) => send(socket, 'chat:send', { sessionId, clientId: randomUUID(), body });

describe('request limits', () => {
  it('every request in the contract has a kind', () => {
    expect(Object.keys(REQUEST_KINDS).sort()).toEqual(Object.keys(clientEvents).sort());
  });

  it('a connection past its write limit gets rate_limited with a wait, nothing past the limit is stored, and reads go on', async () => {
    setLimits({ BALAI_LIMIT_SOCKET_WRITES: 5, BALAI_LIMIT_PERSON_WRITES: 1000, BALAI_LIMIT_REQUEST_WINDOW_SECONDS: 60 });
    const cast = await qaCast();
    const socket = await connectAs(server, cast.online);
    open.push(socket);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => chat(socket, cast.sessionId, `message ${i}`)));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
      expect(!r.ok && r.error.retryAfterMs).toBeGreaterThan(0);
    }
    const history = await send(socket, 'chat:history', { sessionId: cast.sessionId });
    expect(history.ok && history.data.messages).toHaveLength(5);
  });

  it('one person over several connections shares one write limit; another person is not affected', async () => {
    setLimits({ BALAI_LIMIT_SOCKET_WRITES: 100, BALAI_LIMIT_PERSON_WRITES: 6, BALAI_LIMIT_REQUEST_WINDOW_SECONDS: 60 });
    const cast = await qaCast();
    const tabs = await Promise.all([connectAs(server, cast.other), connectAs(server, cast.other), connectAs(server, cast.other)]);
    const someoneElse = await connectAs(server, cast.presenter);
    open.push(...tabs, someoneElse);
    const answers = await Promise.all(tabs.flatMap((tab, t) => [0, 1, 2].map((i) => chat(tab, cast.sessionId, `tab ${t} message ${i}`))));
    expect(answers.filter((a) => a.ok)).toHaveLength(6);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
    expect((await chat(someoneElse, cast.sessionId, 'still fine')).ok).toBe(true);
  });

  it('reads have their own limit per connection; WebRTC signalling is never counted', async () => {
    setLimits({ BALAI_LIMIT_SOCKET_READS: 3, BALAI_LIMIT_REQUEST_WINDOW_SECONDS: 60 });
    const cast = await qaCast();
    const socket = await connectAs(server, cast.online);
    open.push(socket);
    const reads = await Promise.all(Array.from({ length: 5 }, () => send(socket, 'qa:join', { sessionId: cast.sessionId })));
    expect(reads.filter((r) => r.ok)).toHaveLength(3);
    expect(reads.filter((r) => !r.ok && r.error.code === 'rate_limited')).toHaveLength(2);
    // A writer is still allowed while reads are exhausted, and signalling is outside both.
    expect((await chat(socket, cast.sessionId, 'hello')).ok).toBe(true);
    expect((await send(socket, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
    const signalling = await Promise.all(Array.from({ length: 10 }, () => send(socket, 'media:set-capabilities', { rtpCapabilities: { codecs: [], headerExtensions: [] } })));
    expect(signalling.every((r) => r.ok || r.error.code !== 'rate_limited')).toBe(true);
  });

  it('a spent write limit comes back as the window passes', async () => {
    setLimits({ BALAI_LIMIT_SOCKET_WRITES: 2, BALAI_LIMIT_PERSON_WRITES: 1000, BALAI_LIMIT_REQUEST_WINDOW_SECONDS: 1 });
    const cast = await qaCast();
    const socket = await connectAs(server, cast.online);
    open.push(socket);
    await Promise.all([chat(socket, cast.sessionId, 'a'), chat(socket, cast.sessionId, 'b')]);
    const refused = await chat(socket, cast.sessionId, 'c');
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    await new Promise((r) => setTimeout(r, !refused.ok ? (refused.error.retryAfterMs ?? 1000) + 50 : 0));
    expect((await chat(socket, cast.sessionId, 'd')).ok).toBe(true);
  });
});
