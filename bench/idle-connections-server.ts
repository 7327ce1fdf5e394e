// The server side of bench/idle-connections-core.ts, in its own process started with --expose-gc:
// Balai (real Socket.IO, real database) or a bare Socket.IO server on the same Node.js. On request
// it collects garbage until the heap settles and reports the heap in use with the sockets it holds,
// tells who presence counts in a session (Balai), or stops (exit code 0 only when it closed cleanly).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ServerReply, ServerRequest } from './idle-connections-core';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('start with --expose-gc');

async function settledHeap(): Promise<number> {
  let last = Infinity;
  for (let i = 0; i < 10; i++) {
    gc!();
    await new Promise((r) => setTimeout(r, 50));
    const used = process.memoryUsage().heapUsed;
    if (Math.abs(used - last) < 64 * 1024) return used;
    last = used;
  }
  return last;
}

const reply = (m: ServerReply) => process.send!(m);
// The bench sees the exit code: a request that failed must not look like a clean stop.
const fail = (err: unknown) => {
  console.error(err);
  process.exit(1);
};

async function main() {
  const kind = process.argv[2];
  let url: string;
  let close: () => Promise<void>;
  let connections: () => number;
  let present: (sessionId: string) => Promise<string[]> = () => Promise.reject(new Error('presence is Balai’s'));
  if (kind === 'bare') {
    const http = createServer();
    const io = new Server(http, { path: '/socket.io' });
    // A connection listener like any app's, holding nothing.
    io.on('connection', (socket) => socket.on('ping-me', (ack: (r: unknown) => void) => ack({ ok: true })));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve, reject) => io.close((err) => (err ? reject(err) : resolve())));
    connections = () => io.of('/').sockets.size;
  } else {
    const { startServer } = await import('../server/app-server');
    const { peersIn } = await import('../server/realtime/presence');
    const server = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false });
    url = server.url;
    close = () => server.close();
    connections = () => server.io.of('/').sockets.size;
    present = async (sessionId) => (await peersIn(server.io, sessionId)).map((p) => p.userId);
  }
  reply({ type: 'ready', url });
  process.on('message', (msg: ServerRequest) => {
    if (msg.type === 'measure') settledHeap().then((heap) => reply({ type: 'heap', heap, connections: connections() }), fail);
    if (msg.type === 'peers') present(msg.sessionId).then((userIds) => reply({ type: 'peers', userIds }), fail);
    if (msg.type === 'stop') close().then(() => process.exit(0), fail);
  });
}

main().catch(fail);
