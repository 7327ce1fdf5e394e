// The servers for bench/poll-burst.ts, in their own process: Balai (real
// Socket.IO, real PostgreSQL) and, on a second port, the bare Socket.IO
// baseline (bareHandler: count answers in memory, broadcast once at the end).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { startServer } from '../server/app-server';
import { bareHandler } from './poll-burst-core';

async function main() {
  const server = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false });
  const http = createServer();
  const bare = new Server(http, { path: '/socket.io' });
  bareHandler(bare);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  process.send!({ type: 'ready', url: server.url, bareUrl });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') void Promise.all([server.close(), new Promise((r) => bare.close(r))]).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
