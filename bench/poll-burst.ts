// Poll burst benchmark: N clients (default 1,000) in one session answer a word
// cloud within one second; the time until every client shows the final result
// (all N answers), beside the floor (bare Socket.IO: the same answers, one
// broadcast at the end) in the same run. Prints a ratio line (target ≤ 1.5×).
//   DATABASE_URL=postgres://… npm run bench:polls [-- --clients 1000 --window 1000 --rounds 3]
import { execSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { runPollBurst } from './poll-burst-core';
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
const CLIENTS = Number(opt('clients', '1000'));
const WINDOW = Number(opt('window', '1000'));
const ROUNDS = Number(opt('rounds', '3'));

async function main() {
  const child = fork(path.join(__dirname, 'poll-burst-server.ts'), [], { execArgv: ['--import', 'tsx'], env: process.env, stdio: 'inherit' });
  const { url, bareUrl } = await new Promise<{ url: string; bareUrl: string }>((resolve, reject) => {
    child.once('message', (m: { type: string; url: string; bareUrl: string }) => (m.type === 'ready' ? resolve(m) : reject(new Error('bad start'))));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const { db, closeDb } = await import('../lib/db/client');
  const { eventMembers, users } = await import('../lib/db/schema');
  const { createEvent, createSession } = await import('../lib/services/programme');
  const d = await db();
  const cookie = (r: { id: string; name: string }) => benchCookie(r.id, r.name);

  const rows: { poll: number; bare: number; perClient: number }[] = [];
  // Round 0 warms up the JIT, the connection pool and PostgreSQL's caches and is not reported.
  for (let round = 0; round <= ROUNDS; round++) {
    const n = round === 0 ? Math.min(100, CLIENTS) : CLIENTS;
    const [organizer] = await d.insert(users).values({ name: 'Bench organizer', email: `${randomUUID()}@bench.balai` }).returning();
    const event = await createEvent(organizer!.id, { title: `Poll bench ${randomUUID().slice(0, 6)}`, description: '', timeZone: 'Asia/Jakarta', startDate: '2026-11-27', endDate: '2026-11-27', venueName: '', venueAddress: '' });
    const session = await createSession(organizer!.id, event.id, { title: 'Bench', description: '', startsAt: '2026-11-27T09:00', endsAt: '2026-11-27T10:00', kind: 'plenary', speakers: [], venueRoom: '', liveMode: 'webinar' });
    const people = await d.insert(users).values(Array.from({ length: n }, (_, i) => ({ name: `Bench ${i}`, email: `${randomUUID()}@bench.balai` }))).returning({ id: users.id, name: users.name });
    await d.insert(eventMembers).values(people.map((p, i) => ({ eventId: event.id, userId: p.id, role: 'participant' as const, attendanceMode: i % 2 ? ('remote' as const) : ('in_person' as const) })));
    const r = await runPollBurst({ url, bareUrl, sessionId: session.id, moderator: { cookie: await cookie(organizer!) }, participants: await Promise.all(people.map(async (p) => ({ cookie: await cookie(p) }))), windowMs: WINDOW });
    const exact = r.failedAcks.length === 0 && r.lastCounts.every((c) => c === n);
    if (!exact) throw new Error(`correctness: ${r.failedAcks.length} failed acks, last counts ${[...new Set(r.lastCounts)].join(',')} (want ${n})`);
    if (round === 0) {
      console.log(`warm-up with ${n} clients done`);
      continue;
    }
    rows.push({ poll: r.pollMs, bare: r.bareMs!, perClient: r.messagesPerClient.mean });
    console.log(`round ${round}: n=${n} poll ${r.pollMs.toFixed(0)} ms, bare ${r.bareMs!.toFixed(0)} ms, results messages per client mean ${r.messagesPerClient.mean.toFixed(1)} / max ${r.messagesPerClient.max}`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [poll, bare] = [med(rows.map((r) => r.poll)), med(rows.map((r) => r.bare))];
  console.log(`\n### Poll burst (bench/poll-burst.ts), ${new Date().toISOString()}\n`);
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; \`${execSync('uname -a').toString().trim()}\`; Node ${process.version}; load average before the run: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}.`);
  console.log(`${CLIENTS} clients answer a word cloud within ${WINDOW} ms; time from the first answer until every client shows all ${CLIENTS} answers. Median of ${ROUNDS} rounds.\n`);
  console.log('| round | Balai (ms) | bare (ms) | ratio | results messages per client (mean) |');
  console.log('|---:|---:|---:|---:|---:|');
  rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.poll.toFixed(0)} | ${r.bare.toFixed(0)} | ${(r.poll / r.bare).toFixed(2)}× | ${r.perClient.toFixed(1)} |`));
  console.log(`\nratio: ${(poll / bare).toFixed(2)}× bare (Balai ${poll.toFixed(0)} ms, bare ${bare.toFixed(0)} ms; target ≤ 1.5×)`);
  child.send({ type: 'stop' });
  await closeDb();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
