// The server side of bench/idle-connections.ts, in its own process started with --expose-gc:
// Balai (real Socket.IO, real database) or a bare Socket.IO server on the same Node.js. On
// request it collects garbage until the heap settles and reports the heap in use.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

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

async function main() {
  const kind = process.argv[2];
  let url: string;
  let close: () => Promise<void>;
  if (kind === 'bare') {
    const http = createServer();
    const io = new Server(http, { path: '/socket.io' });
    // A connection listener like any app's, holding nothing.
    io.on('connection', (socket) => socket.on('ping-me', (ack: (r: unknown) => void) => ack({ ok: true })));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    close = () => new Promise<void>((r) => io.close(() => r()));
  } else {
    const { startServer } = await import('../server/app-server');
    const server = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false });
    url = server.url;
    close = () => server.close();
  }
  process.send!({ type: 'ready', url });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'measure') void settledHeap().then((heap) => process.send!({ type: 'heap', heap }));
    if (msg.type === 'stop') void close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
