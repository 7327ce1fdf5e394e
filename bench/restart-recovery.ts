/**
 * bench/restart-recovery: kill -9 the server under a burst of 200 clients (Q&A, presence, breakouts),
 * start it again, and time every client back to a consistent state.
 *
 * The server runs as a child process on a fixed port (bench/restart-recovery-server.ts); the clients
 * use the browser's own request helpers (app/_lib/realtime-client.ts, app/_components/qa/qa-client.ts):
 * a request in flight fails at once when its connection drops and is retried with its mutation id once
 * the connection is back; reconnection is jittered as in a tab. Counted against the database afterwards:
 * acknowledged writes lost (must be 0), counters that disagree with their rows, clients whose state is not
 * the server's. Needs PostgreSQL (the bench and the server process share it).
 *
 *   DATABASE_URL=postgres://… npm run bench:recovery
 *   BENCH_CLIENTS=200 BENCH_WRITES=5 BENCH_NO_WRITE=1
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.NEXTAUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.BALAI_SEED_DEMO = '0';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const WRITES = Number(process.env.BENCH_WRITES ?? 5);

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('bench/restart-recovery needs DATABASE_URL: the bench and the server process share one PostgreSQL');
  const { benchCookie } = await import('./session-cookie');
  const { runRestartRecovery, serverOnPort, freePort, percentile } = await import('./restart-recovery-core');
  const { db, closeDb } = await import('../lib/db/client');
  const { eventMembers, users } = await import('../lib/db/schema');
  const { createEvent, createSession } = await import('../lib/services/programme');

  const loadAtStart = os.loadavg();
  const start = serverOnPort(await freePort());
  // The first start migrates the database before anything is written to it.
  const server = await start();

  const d = await db();
  const [org] = await d.insert(users).values({ name: 'Bench Organizer', email: `${randomUUID()}@bench.balai` }).returning();
  const event = await createEvent(org!.id, {
    title: `Recovery ${randomUUID().slice(0, 8)}`,
    description: '',
    timeZone: 'Asia/Jakarta',
    startDate: '2026-11-27',
    endDate: '2026-11-28',
    venueName: '',
    venueAddress: '',
  });
  const session = await createSession(org!.id, event.id, {
    title: 'Recovery session',
    description: '',
    startsAt: '2026-11-27T09:00',
    endsAt: '2026-11-27T10:00',
    kind: 'workshop',
    speakers: [],
    venueRoom: '',
    liveMode: 'meeting',
  });
  const people = await d
    .insert(users)
    .values(Array.from({ length: CLIENTS }, (_, i) => ({ name: `Participant ${i}`, email: `${randomUUID()}@bench.balai` })))
    .returning();
  await d.insert(eventMembers).values(people.map((p, i) => ({ eventId: event.id, userId: p.id, role: 'participant' as const, attendanceMode: i % 2 ? ('remote' as const) : ('in_person' as const) })));
  const participants = await Promise.all(people.map(async (p) => ({ userId: p.id, cookie: await benchCookie(p.id, p.name) })));

  const report = await runRestartRecovery({
    server,
    start,
    sessionId: session.id,
    moderator: { cookie: await benchCookie(org!.id, org!.name) },
    participants,
    writesPerClient: WRITES,
  });

  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const p50 = percentile(report.recoverMs, 50);
  const p95 = percentile(report.recoverMs, 95);
  const max = Math.max(...report.recoverMs);
  const machine = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const load = `load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min; the machine is shared)`;
  const lines = [
    `clients ${report.clients}, writes ${report.writes} (acknowledged ${report.acked}, ${report.ackedBeforeKill} of them before the kill; in flight at the kill and retried ${report.retriedAfterDrop}; failed ${report.failed.length})`,
    `server down (kill → listening again): ${fmt(report.downMs)}`,
    `back to a consistent state, from listening again: p50 ${fmt(p50)}, p95 ${fmt(p95)}, max ${fmt(max)} (${report.recoverMs.length} of ${report.clients} clients)`,
    `acknowledged writes lost: ${report.lostAcked.length}; counters off: ${report.miscounted.length}; clients not consistent: ${report.inconsistent.length}; join requests timed out: ${report.timedOut}; Q&A re-joins answered with a delta: ${report.deltaJoins}`,
  ];
  console.log(`\nbench/restart-recovery\n${lines.join('\n')}\n${machine}\n${load}`);
  for (const f of report.failed.slice(0, 5)) console.log(`  failed write: ${f.code} ${f.message}`);
  for (const i of report.inconsistent.slice(0, 5)) console.log(`  not consistent: ${i}`);

  if (!process.env.BENCH_NO_WRITE) {
    const file = path.join(process.cwd(), 'docs/BENCHMARKS.md');
    if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n');
    const SECTION = '## Recovery after a crash (issue 14): bench/restart-recovery';
    if (!readFileSync(file, 'utf8').includes(SECTION)) {
      appendFileSync(
        file,
        `\n${SECTION}\n\nRun with \`DATABASE_URL=… npm run bench:recovery\`. Each run appends an entry here. The server is a child process; ` +
          'mid-burst it gets SIGKILL and is started again on the same port and database. "Consistent" = the client re-joined Q&A ' +
          '(with a delta), presence and breakouts after the restart and every write it had in flight is acknowledged; at the end every ' +
          "client's Q&A mirror, own votes and breakout room are compared with the database.\n",
      );
    }
    appendFileSync(
      file,
      [
        '',
        `### ${report.clients} clients, kill -9 mid-burst — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, PostgreSQL`,
        '',
        `Machine: ${machine}; ${load}. Clients in the bench process, server in its own.`,
        '',
        '| Measure | Value |',
        '| --- | ---: |',
        `| Writes (votes with mutation ids) | ${report.writes}, ${report.acked} acknowledged (${report.ackedBeforeKill} before the kill), ${report.failed.length} failed |`,
        `| In flight at the kill, retried after the reconnect | ${report.retriedAfterDrop} |`,
        `| Server down (kill → listening) | ${fmt(report.downMs)} |`,
        `| Back to consistent from listening: p50 / p95 / max | ${fmt(p50)} / ${fmt(p95)} / ${fmt(max)} |`,
        `| Acknowledged writes lost | ${report.lostAcked.length} |`,
        `| Clients not consistent at the end | ${report.inconsistent.length} |`,
        `| Join requests that waited for a timeout | ${report.timedOut} |`,
        '',
      ].join('\n'),
    );
  }
  await closeDb();
  process.exit(report.lostAcked.length || report.inconsistent.length || report.miscounted.length ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
