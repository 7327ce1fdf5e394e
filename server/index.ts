import './require-node';
import { startServer } from './app-server';
import { stopOnSignal } from './shutdown';
import { env } from '../lib/env';

async function main() {
  const server = await startServer();
  console.log(`\nBalai is running on ${server.url}`);
  if (server.demoAccounts.length) {
    console.log('\nDemo accounts (e-mail, password):');
    for (const a of server.demoAccounts) console.log(`  ${a.role.padEnd(26)} ${a.email.padEnd(34)} ${a.password}`);
    console.log('');
  }
  process.once('SIGINT', () => void stopOnSignal(server, 'SIGINT', 0));
  // SIGTERM (a deploy, an orchestrator): drain first, so the clients move to another node.
  process.once('SIGTERM', () => void stopOnSignal(server, 'SIGTERM', env().BALAI_DRAIN_SECONDS * 1000));
}

main().catch((err: unknown) => {
  console.error('Balai failed to start:', err);
  process.exit(1);
});
