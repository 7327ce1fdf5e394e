// Heap per idle connection: N Socket.IO clients connected to Balai (signed in, and then also
// joined to a session as its page does) against the same N connected to a bare Socket.IO server
// on the same Node.js, measured in the same run. Each server runs in its own process with
// --expose-gc; the heap is read after collecting until it settles.
//   DATABASE_URL=postgres://… npm run bench:idle [-- --clients 1000]
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { io as connectClient, type Socket } from 'socket.io-client';
import { benchCookie } from './session-cookie';

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

function start(kind: 'bare' | 'balai'): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(__dirname, 'idle-connections-server.ts'), [kind], { execArgv: ['--expose-gc', '--import', 'tsx'], env: process.env, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: string; url: string }) => (m.type === 'ready' ? resolve({ child, url: m.url }) : reject(new Error('bad start'))));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}
const heapOf = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    child.once('message', (m: { type: string; heap: number }) => resolve(m.heap));
    child.send({ type: 'measure' });
  });
const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.send({ type: 'stop' })));

function connect(url: string, cookie?: string): Promise<Socket> {
  const s = connectClient(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
async function connectAll(url: string, cookies: (string | undefined)[]): Promise<Socket[]> {
  const out: Socket[] = [];
  for (let i = 0; i < cookies.length; i += 50) out.push(...(await Promise.all(cookies.slice(i, i + 50).map((c) => connect(url, c)))));
  return out;
}
const ack = (s: Socket, name: string, payload: unknown) => s.timeout(60_000).emitWithAck(name, payload) as Promise<{ ok: boolean }>;
const kib = (bytes: number) => bytes / 1024;

async function main() {
  // Bare Socket.IO first.
  const bare = await start('bare');
  const bareBefore = await heapOf(bare.child);
  const bareSockets = await connectAll(bare.url, Array.from({ length: N }, () => undefined));
  const bareAfter = await heapOf(bare.child);
  bareSockets.forEach((s) => s.disconnect());
  await stop(bare.child);
  const barePer = (bareAfter - bareBefore) / N;

  // Balai: N members of one event, signed in.
  const balai = await start('balai');
  const { db } = await import('../lib/db/client');
  const { eventMembers, users } = await import('../lib/db/schema');
  const { createEvent, createSession } = await import('../lib/services/programme');
  const d = await db();
  const [organizer] = await d.insert(users).values({ name: 'Bench organizer', email: `${randomUUID()}@bench.balai` }).returning();
  const event = await createEvent(organizer!.id, { title: `Idle ${randomUUID().slice(0, 6)}`, description: '', timeZone: 'Asia/Jakarta', startDate: '2026-11-27', endDate: '2026-11-27', venueName: '', venueAddress: '' });
  const session = await createSession(organizer!.id, event.id, { title: 'Idle', description: '', startsAt: '2026-11-27T09:00', endsAt: '2026-11-27T10:00', kind: 'plenary', speakers: [], venueRoom: '', liveMode: 'webinar' });
  const people = await d.insert(users).values(Array.from({ length: N }, (_, i) => ({ name: `Idle ${i}`, email: `${randomUUID()}@bench.balai` }))).returning({ id: users.id, name: users.name });
  await d.insert(eventMembers).values(people.map((p) => ({ eventId: event.id, userId: p.id, role: 'participant' as const, attendanceMode: 'remote' as const })));
  const cookies = await Promise.all(people.map((p) => benchCookie(p.id, p.name)));
  const balaiBefore = await heapOf(balai.child);
  const sockets = await connectAll(balai.url, cookies);
  const connectedHeap = await heapOf(balai.child);
  // What a session page does on open: presence, Q&A, polls, reactions, hands.
  for (let i = 0; i < (CONNECT_ONLY ? 0 : sockets.length); i += 50) {
    await Promise.all(
      sockets.slice(i, i + 50).map(async (s) => {
        for (const name of ['presence:join', 'qa:join', 'poll:join', 'reaction:join', 'hand:join']) {
          const res = await ack(s, name, { sessionId: session.id });
          if (!res.ok) throw new Error(`${name} failed: ${JSON.stringify(res)}`);
        }
      }),
    );
  }
  const joinedHeap = await heapOf(balai.child);
  sockets.forEach((s) => s.disconnect());
  await stop(balai.child);
  const connectedPer = (connectedHeap - balaiBefore) / N;
  const joinedPer = (joinedHeap - balaiBefore) / N;

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
