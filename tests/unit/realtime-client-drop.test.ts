import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server, type Socket } from 'socket.io';

/*
 * The browser's request helpers against a real Socket.IO server whose
 * connection drops while a request waits for its ack (as in a server restart).
 * The client module connects to `location`, as in a page.
 */
const seen: { event: string; payload: unknown; connection: number }[] = [];
let connections = 0;
let dropNext: string | null = null;
const http = createServer();
const io = new Server(http, { path: '/socket.io' });
io.on('connection', (socket: Socket) => {
  const connection = ++connections;
  socket.onAny((event: string, payload: unknown, ack: (r: unknown) => void) => {
    seen.push({ event, payload, connection });
    // The first request of this name never gets an ack: the connection drops under it.
    if (dropNext === event) {
      dropNext = null;
      socket.conn.close();
      return;
    }
    ack({ ok: true, data: { connection } });
  });
});

let client: typeof import('../../app/_lib/realtime-client');
let qaClient: typeof import('../../app/_components/qa/qa-client');
beforeAll(async () => {
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const { port } = http.address() as AddressInfo;
  (globalThis as { location?: unknown }).location = new URL(`http://127.0.0.1:${port}/`);
  client = await import('../../app/_lib/realtime-client');
  qaClient = await import('../../app/_components/qa/qa-client');
  await new Promise<void>((r) => (client.realtime().connected ? r() : client.realtime().once('connect', () => r())));
});
afterAll(async () => {
  client.realtime().disconnect();
  await new Promise<void>((r) => io.close(() => r()));
});

describe('requests when the connection drops', () => {
  // The ack timeouts are far longer than the test's own limit: passing means nobody waited them out.
  it('a request in flight fails at once when its connection drops, instead of waiting for its timeout', { timeout: 15_000 }, async () => {
    dropNext = 'hand:join';
    const answer = await client.request('hand:join', { sessionId: '00000000-0000-4000-8000-000000000000' }, 120_000);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('a mutation in flight is sent again with the same id on the next connection and answers from there', { timeout: 15_000 }, async () => {
    await new Promise<void>((r) => (client.realtime().connected ? r() : client.realtime().once('connect', () => r())));
    dropNext = 'qa:vote';
    const payload = { mutationId: '11111111-1111-4111-8111-111111111111', questionId: '22222222-2222-4222-8222-222222222222', voted: true };
    const answer = await qaClient.mutate('qa:vote', payload);
    const sends = seen.filter((s) => s.event === 'qa:vote');
    expect(sends).toHaveLength(2);
    expect(sends[0]!.payload).toEqual(payload);
    expect(sends[1]!.payload).toEqual(payload);
    expect(sends[1]!.connection).toBeGreaterThan(sends[0]!.connection);
    expect(answer).toEqual({ ok: true, data: { connection: sends[1]!.connection } });
  });
});
