import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server, type Socket } from 'socket.io';

/*
 * The call goes first (issue 10.8): while a media join is being set up (`prioritize`), the tab's other
 * requests wait; media requests do not. Against a real Socket.IO server, which sees one connection's
 * messages in the order they were sent: a request that went out before an acked one would be seen first.
 */
const seen: string[] = [];
const http = createServer();
const io = new Server(http, { path: '/socket.io' });
io.on('connection', (socket: Socket) => {
  socket.onAny((event: string, _payload: unknown, ack: (r: unknown) => void) => {
    seen.push(event);
    ack({ ok: true, data: {} });
  });
});

let client: typeof import('../../app/_lib/realtime-client');
const sessionId = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const { port } = http.address() as AddressInfo;
  (globalThis as { location?: unknown }).location = new URL(`http://127.0.0.1:${port}/`);
  client = await import('../../app/_lib/realtime-client');
  await new Promise<void>((r) => (client.realtime().connected ? r() : client.realtime().once('connect', () => r())));
});
afterAll(async () => {
  client.realtime().disconnect();
  await new Promise<void>((r) => io.close(() => r()));
});

function deferred() {
  let settle!: (ok: boolean) => void;
  const promise = new Promise<void>((resolve, reject) => (settle = (ok) => (ok ? resolve() : reject(new Error('join failed')))));
  return { promise, settle };
}

describe('requests while a media join is set up', () => {
  it.each([
    ['the join is set up', true],
    ['the join fails', false],
  ])('other requests wait until %s; media requests go at once', async (_label, ok) => {
    seen.length = 0;
    const join = deferred();
    client.prioritize(join.promise);
    const qa = client.request('qa:join', { sessionId, view: 'own' });
    const hand = client.request('hand:join', { sessionId });
    expect(await client.request('media:set-capabilities', { rtpCapabilities: { codecs: [], headerExtensions: [] } })).toMatchObject({ ok: true });
    expect(seen).toEqual(['media:set-capabilities']);

    join.settle(ok);
    expect(await qa).toMatchObject({ ok: true });
    expect(await hand).toMatchObject({ ok: true });
    expect(seen).toEqual(['media:set-capabilities', 'qa:join', 'hand:join']);
  });

  it('with no join under way nothing waits', async () => {
    seen.length = 0;
    expect(await client.request('hand:join', { sessionId })).toMatchObject({ ok: true });
    expect(seen).toEqual(['hand:join']);
  });
});
