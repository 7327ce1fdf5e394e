import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { PROTOCOL_VERSION } from '../../lib/contracts/protocol';
import { createUser, send, startTestServer, type TestSocket } from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

/** A tab's connection as the page opens it: the cookie plus the protocol its code was built for. */
function tab(cookie: string, auth: Record<string, unknown>, language = 'en'): TestSocket {
  const socket = connectClient(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie, 'accept-language': language },
    auth,
    reconnection: false,
    forceNew: true,
  }) as TestSocket;
  sockets.push(socket);
  return socket;
}

function answer(socket: TestSocket): Promise<{ code: string; message?: string }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ code: 'connected' }));
    socket.once('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => resolve({ code: err.data?.code ?? err.message, message: err.data?.message }));
  });
}

describe('a tab built against another realtime contract', () => {
  it('is refused with outdated_client and a reload message in the browser’s language, signed in or not', async () => {
    const user = await createUser('Old Tab');
    expect(await answer(tab(user.cookie, { protocol: PROTOCOL_VERSION + 1 }))).toEqual({
      code: 'outdated_client',
      message: 'Balai was updated while this page was open. Reload the page to continue.',
    });
    expect(await answer(tab(user.cookie, { protocol: PROTOCOL_VERSION - 1 }, 'id-ID,id;q=0.9'))).toEqual({
      code: 'outdated_client',
      message: 'Balai diperbarui saat halaman ini terbuka. Muat ulang halaman untuk melanjutkan.',
    });
    // Before any identity check: an old projector tab (display token, no cookie) is told the same.
    expect((await answer(tab('', { protocol: PROTOCOL_VERSION + 1, displayToken: 'x'.repeat(43) }))).code).toBe('outdated_client');
  });

  it('of the current version connects and works; a client that sends no version (a script) is not checked', async () => {
    const user = await createUser('Current Tab');
    const current = tab(user.cookie, { protocol: PROTOCOL_VERSION });
    expect((await answer(current)).code).toBe('connected');
    const ack = await send(current, 'presence:join', { sessionId: '00000000-0000-4000-8000-000000000000' });
    // Connected and answered through the contract (this session does not exist).
    expect(ack.ok ? 'ok' : ack.error.code).toBe('not_found');
    const script = tab(user.cookie, {});
    expect((await answer(script)).code).toBe('connected');
  });

  it.each([['a string', '1'], ['a fraction', 1.5], ['an object', { v: 1 }]])('ignores a protocol that is %s (not a version a page sends)', async (_label, protocol) => {
    const user = await createUser('Odd Tab');
    expect((await answer(tab(user.cookie, { protocol }))).code).toBe('connected');
  });
});
