import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { env } from '../../lib/env';
import { connectAs, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

const disconnected = (socket: TestSocket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('SOCKET_MESSAGE_LIMIT (Socket.IO maxHttpBufferSize)', () => {
  it('is the configured limit, 1 MB by default', () => {
    expect(env().SOCKET_MESSAGE_LIMIT).toBe(1024 * 1024);
    expect(server.io.engine.opts.maxHttpBufferSize).toBe(env().SOCKET_MESSAGE_LIMIT);
  });

  it('answers a large message under the limit as usual', async () => {
    const socket = await connectAs(server, await createUser());
    sockets.push(socket);
    const ack = await send(socket, 'presence:join', { sessionId: 'x'.repeat(env().SOCKET_MESSAGE_LIMIT - 1024) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(socket.connected).toBe(true);
  });

  it('closes the connection of a message over the limit, and the server keeps serving everyone else', async () => {
    const bystander = await connectAs(server, await createUser('Bystander'));
    const sender = await connectAs(server, await createUser('Sender'));
    sockets.push(bystander, sender);
    const closed = disconnected(sender);
    const ack = send(sender, 'presence:join', { sessionId: 'x'.repeat(env().SOCKET_MESSAGE_LIMIT + 1) });

    expect(await closed).toBe('transport close');
    await expect(ack).rejects.toThrow();
    expect(bystander.connected).toBe(true);
    expect(await send(bystander, 'presence:join', 'not a payload')).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const again = await connectAs(server, await createUser('Newcomer'));
    sockets.push(again);
    expect(again.connected).toBe(true);
  });
});
