import { startServer } from './app-server';

async function main() {
  const server = await startServer();
  console.log(`\nBalai is running on ${server.url}`);
  if (server.demoAccounts.length) {
    console.log('\nDemo accounts (e-mail, password):');
    for (const a of server.demoAccounts) console.log(`  ${a.role.padEnd(26)} ${a.email.padEnd(34)} ${a.password}`);
    console.log('');
  }
  const stop = async (signal: string) => {
    console.log(`\n${signal} received, shutting down…`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Balai failed to start:', err);
  process.exit(1);
});
