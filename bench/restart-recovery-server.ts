// The Balai server for bench/restart-recovery.ts and its CI-sized test, in its own process so it can be
// killed with SIGKILL mid-burst and started again on the same port (BENCH_PORT), on the same database.
import { startServer } from '../server/app-server';

async function main() {
  const server = await startServer({ port: Number(process.env.BENCH_PORT), hostname: '127.0.0.1', withNext: false, seed: false });
  process.send!({ type: 'ready', url: server.url });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stop') void server.close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
