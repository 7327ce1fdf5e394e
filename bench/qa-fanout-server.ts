// The Balai server for bench/qa-fanout.ts and its CI-sized test (started by
// startFanoutServer in bench/qa-fanout-core.ts), in its own process (real Socket.IO,
// real PostgreSQL). It also runs the baseline on request over IPC: a bare
// Socket.IO broadcast of given payloads to the session's audience room, with
// no database and no Q&A logic, stamping each emit with the monotonic clock
// (process.hrtime is CLOCK_MONOTONIC: comparable across processes on one machine).
import { rooms } from '../lib/realtime/rooms';
import { startServer } from '../server/app-server';

type Msg = { type: 'broadcast'; sessionId: string; event: string; payloads: unknown[] } | { type: 'stop' };

async function main() {
  const server = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false });
  process.send!({ type: 'ready', url: server.url });
  process.on('message', (msg: Msg) => {
    if (msg.type === 'broadcast') {
      const times: string[] = [];
      const room = server.io.to(rooms.qa.audience(msg.sessionId));
      for (const p of msg.payloads) {
        times.push(process.hrtime.bigint().toString());
        (room.emit as (n: string, p: unknown) => boolean)(msg.event, p);
      }
      process.send!({ type: 'broadcasted', times });
    } else if (msg.type === 'stop') {
      void server.close().then(() => process.exit(0));
    }
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
