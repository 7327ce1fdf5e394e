/**
 * bench/breakout-move: 500 socket clients split into 50 breakout rooms.
 *
 * Measures, on a real Balai server (Socket.IO + database, no Next.js):
 *  - open:  from sending `breakout:open` until every client has been pushed its room (`breakout:placed`);
 *  - close: from sending `breakout:close` (no warning) until every client has been pushed "no room".
 * Baseline, same run, same number of clients: a bare Socket.IO server that tells each socket its room
 * and joins it on request (no auth, no database), then sends everyone back.
 * Prints the ratio and appends the figures to docs/BENCHMARKS.md. The measuring and the checks of every
 * round against the database live in bench/breakout-move-core.ts (its CI-sized run is
 * tests/integration/bench/breakout-move.test.ts); a run with a correctness error prints it and records nothing.
 *
 *   npm run bench:breakouts              (embedded PGlite in memory)
 *   DATABASE_URL=postgres://… npm run bench:breakouts
 *   BENCH_CLIENTS=500 BENCH_ROOMS=50 BENCH_ROUNDS=3 BENCH_NO_WRITE=1
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.NEXTAUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.BALAI_SEED_DEMO = '0';
if (!process.env.DATABASE_URL) process.env.BALAI_DATA_DIR = 'memory://';
process.env.MEDIASOUP_WORKERS ??= '1';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COUNTRIES = ['ID', 'MY', 'PH', 'TH', 'VN', 'KH', 'LA', 'MM', 'NP', 'IN', 'LK', 'BD', 'PK'];

async function main() {
  const { benchCookie } = await import('./session-cookie');
  const { runBreakoutMove, correctnessErrors } = await import('./breakout-move-core');
  const { startServer } = await import('../server/app-server');
  const { db } = await import('../lib/db/client');
  const { eventMembers, users } = await import('../lib/db/schema');
  const { createEvent, createSession } = await import('../lib/services/programme');

  const loadAtStart = os.loadavg();
  const server = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false });
  const d = await db();
  const [org] = await d.insert(users).values({ name: 'Bench Organizer', email: `${randomUUID()}@bench.balai` }).returning();
  const event = await createEvent(org!.id, {
    title: `Bench ${randomUUID().slice(0, 8)}`,
    description: '',
    timeZone: 'Asia/Jakarta',
    startDate: '2026-11-27',
    endDate: '2026-11-28',
    venueName: '',
    venueAddress: '',
  });
  const session = await createSession(org!.id, event.id, {
    title: 'Bench session',
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
  await d.insert(eventMembers).values(
    people.map((p, i) => ({
      eventId: event.id,
      userId: p.id,
      role: 'participant' as const,
      attendanceMode: i % 3 === 0 ? ('in_person' as const) : ('remote' as const),
      country: COUNTRIES[i % COUNTRIES.length]!,
      organisation: `Org ${i % 17}`,
    })),
  );
  const participants: Array<{ userId: string; cookie: string }> = [];
  for (let i = 0; i < people.length; i += 50) {
    participants.push(...(await Promise.all(people.slice(i, i + 50).map(async (p) => ({ userId: p.id, cookie: await benchCookie(p.id, p.name) })))));
  }

  const report = await runBreakoutMove({
    url: server.url,
    sessionId: session.id,
    moderator: { userId: org!.id, cookie: await benchCookie(org!.id, org!.name) },
    participants,
    rooms: ROOMS,
    rounds: ROUNDS,
  });
  await server.close();
  const wrong = correctnessErrors(report);
  // Figures from a run whose clients were told the wrong thing are not recorded.
  if (wrong.length) throw new Error(`bench/breakout-move: ${wrong.length} correctness errors:\n${wrong.slice(0, 20).join('\n')}`);
  const balai = { open: report.open, close: report.close };
  const baseline = { open: report.bareOpen, close: report.bareClose };

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const r = {
    open: median(balai.open),
    close: median(balai.close),
    bareOpen: median(baseline.open),
    bareClose: median(baseline.close),
  };
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  const dbKind = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded, in memory)';
  const machine = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const load = `load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min; the machine is shared)`;
  const lines = [
    `clients ${CLIENTS}, rooms ${ROOMS}, rounds ${ROUNDS} (median), database ${dbKind}`,
    `open  → all in their room:  Balai ${fmt(r.open)}  | bare Socket.IO ${fmt(r.bareOpen)}  | ratio ${(r.open / r.bareOpen).toFixed(1)}×`,
    `close → all back in main:   Balai ${fmt(r.close)}  | bare Socket.IO ${fmt(r.bareClose)}  | ratio ${(r.close / r.bareClose).toFixed(1)}×`,
    `rounds (ms): open ${balai.open.map((x) => x.toFixed(0)).join(', ')}; close ${balai.close.map((x) => x.toFixed(0)).join(', ')}; bare open ${baseline.open.map((x) => x.toFixed(0)).join(', ')}; bare close ${baseline.close.map((x) => x.toFixed(0)).join(', ')}`,
  ];
  console.log(`\nbench/breakout-move\n${lines.join('\n')}\n${machine}\n${load}`);

  if (!process.env.BENCH_NO_WRITE) {
    const file = path.join(process.cwd(), 'docs/BENCHMARKS.md');
    if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n');
    const SECTION = '## Breakout rooms (issue 5): bench/breakout-move';
    if (!readFileSync(file, 'utf8').includes(SECTION)) appendFileSync(file, `\n${SECTION}\n\nRun with \`npm run bench:breakouts\` (add DATABASE_URL for PostgreSQL). Each run appends an entry here.\n`);
    appendFileSync(
      file,
      [
        '',
        `### ${CLIENTS} clients into ${ROOMS} rooms and back — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${dbKind}`,
        '',
        `Machine: ${machine}; ${load}. Database: ${dbKind}. Median of ${ROUNDS} rounds; one process runs the server and all clients.`,
        '"Open" = from sending `breakout:open` until every client has been pushed its own room (`breakout:placed`; authorization, assignment',
        'and attendance stays in the database before the push). "Close" = `breakout:close` without warning until every client has been pushed "no room".',
        'Baseline = bare Socket.IO in the same run: the server tells each socket its room, the socket asks to join, the server joins it and acks.',
        '',
        '| Step | Balai | Bare Socket.IO | Ratio |',
        '| --- | ---: | ---: | ---: |',
        `| Open: all ${CLIENTS} in their room | ${fmt(r.open)} | ${fmt(r.bareOpen)} | ${(r.open / r.bareOpen).toFixed(1)}× |`,
        `| Close: all ${CLIENTS} back | ${fmt(r.close)} | ${fmt(r.bareClose)} | ${(r.close / r.bareClose).toFixed(1)}× |`,
        '',
      ].join('\n'),
    );
  }

  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
