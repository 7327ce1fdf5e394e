// Heap per idle connection: N Socket.IO clients connected to Balai (signed in, and then also
// joined to a session as its page does) against the same N connected to a bare Socket.IO server
// on the same Node.js, measured in the same run (bench/idle-connections-core.ts). Each server runs
// in its own process with --expose-gc; the heap is read after collecting until it settles.
//   DATABASE_URL=postgres://… npm run bench:idle [-- --clients 1000]
import { execSync } from 'node:child_process';
import os from 'node:os';
import { correctnessErrors, runIdleConnections } from './idle-connections-core';

process.env.NEXTAUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.BALAI_SEED_DEMO = '0';
if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL database (the server and this script share it).');
  process.exit(1);
}
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const N = Number(opt('clients', '1000'));
// Only connect (skip joining a session): for looking at what a bare connection costs.
const CONNECT_ONLY = args.includes('--connect-only');
const kib = (bytes: number) => bytes / 1024;

async function main() {
  const report = await runIdleConnections({ clients: N, connectOnly: CONNECT_ONLY });
  const errors = correctnessErrors(report);
  if (errors.length) throw new Error(`correctness:\n${errors.join('\n')}`);
  const { bare: barePer, connected: connectedPer, joined: joinedPer } = report.perConnection;

  const f = (x: number) => kib(x).toFixed(1);
  console.log(`\n### Idle connections (bench/idle-connections.ts), ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; \`${execSync('uname -a').toString().trim()}\`; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}. ${N} WebSocket clients from another process; heap read after gc() until it settles.\n`);
  console.log('| server | heap per connection | ratio to bare |');
  console.log('|---|---:|---:|');
  console.log(`| bare Socket.IO | ${f(barePer)} KiB | 1.00× |`);
  console.log(`| Balai, signed in, connected | ${f(connectedPer)} KiB | ${(connectedPer / barePer).toFixed(2)}× |`);
  console.log(`| Balai, joined to a session (presence, Q&A, polls, reactions, hands) | ${f(joinedPer)} KiB | ${(joinedPer / barePer).toFixed(2)}× |`);
  const { closeDb } = await import('../lib/db/client');
  await closeDb();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
