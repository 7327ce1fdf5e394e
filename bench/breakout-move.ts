/**
 * bench/breakout-move: 500 socket clients split into 50 breakout rooms.
 *
 * Measures, on a real Balai server (Socket.IO + database, no Next.js):
 *  - open:  from sending `breakout:open` until every client has been pushed its room (`breakout:placed`);
 *  - close: from sending `breakout:close` (no warning) until every client has been pushed "no room".
 * Baseline, same run, same number of clients: a bare Socket.IO server that tells each socket its room
 * and joins it on request (no auth, no database), then sends everyone back.
 * Prints the ratio and appends the figures to docs/BENCHMARKS.md.
 *
 *   npm run bench:breakouts              (embedded PGlite in memory)
 *   DATABASE_URL=postgres://… npm run bench:breakouts
 *   BENCH_CLIENTS=500 BENCH_ROOMS=50 BENCH_ROUNDS=3 BENCH_NO_WRITE=1
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

process.env.NEXTAUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.BALAI_SEED_DEMO = '0';
if (!process.env.DATABASE_URL) process.env.BALAI_DATA_DIR = 'memory://';
process.env.MEDIASOUP_WORKERS ??= '1';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COUNTRIES = ['ID', 'MY', 'PH', 'TH', 'VN', 'KH', 'LA', 'MM', 'NP', 'IN', 'LK', 'BD', 'PK'];

type Ack = { ok: boolean; data?: unknown; error?: { message: string } };

async function main() {
  const { Server } = await import('socket.io');
  const { io: connect } = await import('socket.io-client');
  const { benchCookie } = await import('./session-cookie');
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
  const cookie = (id: string, name: string) => benchCookie(id, name);

  const open = (url: string, extraHeaders: Record<string, string> = {}) =>
    new Promise<import('socket.io-client').Socket>((resolve, reject) => {
      const s = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders, reconnection: false, forceNew: true });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  const request = (s: import('socket.io-client').Socket, name: string, payload: unknown) => s.timeout(60_000).emitWithAck(name, payload) as Promise<Ack>;

  // Connect in batches: a real event's clients arrive over minutes, not in one tick.
  const clients: import('socket.io-client').Socket[] = [];
  for (let i = 0; i < people.length; i += 50) {
    clients.push(...(await Promise.all(people.slice(i, i + 50).map(async (p) => open(server.url, { cookie: await cookie(p.id, p.name) })))));
  }
  const moderator = await open(server.url, { cookie: await cookie(org!.id, org!.name) });
  for (let i = 0; i < clients.length; i += 50) await Promise.all(clients.slice(i, i + 50).map((c) => request(c, 'breakout:sync', { sessionId: session.id })));

  /** Each client is pushed its own state (`breakout:placed`); it counts once its room is what we wait for. */
  function waitForAll(want: 'room' | 'none'): Promise<void> {
    let done = 0;
    return new Promise((resolve) => {
      for (const c of clients) {
        const onPlaced = (state: { room: { id: string } | null }) => {
          if ((want === 'room') !== (state.room !== null)) return; // an intermediate push; the next one will do
          c.off('breakout:placed', onPlaced);
          if (++done === clients.length) resolve();
        };
        c.on('breakout:placed', onPlaced);
      }
    });
  }

  const balai = { open: [] as number[], close: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const inRooms = waitForAll('room');
    const t0 = performance.now();
    const opened = await request(moderator, 'breakout:open', {
      sessionId: session.id,
      runId: randomUUID(),
      mode: 'balanced',
      rooms: Array.from({ length: ROOMS }, (_, i) => ({ name: `Room ${i + 1}` })),
      durationMinutes: 30,
      seed: `bench-${round}`,
    });
    if (!opened.ok) throw new Error(opened.error?.message);
    await inRooms;
    balai.open.push(performance.now() - t0);

    const back = waitForAll('none');
    const t1 = performance.now();
    const closed = await request(moderator, 'breakout:close', { runId: (opened.data as { id: string }).id, warningSeconds: 0 });
    if (!closed.ok) throw new Error(closed.error?.message);
    await back;
    balai.close.push(performance.now() - t1);
  }

  // Baseline: bare Socket.IO, same process, same number of clients, same rooms; no auth, no database.
  const bareHttp = createServer();
  const bare = new Server(bareHttp, { path: '/socket.io' });
  bare.on('connection', (socket) => {
    socket.on('join', async (room: string, ack: (r: Ack) => void) => {
      for (const r of socket.rooms) if (r !== socket.id) await socket.leave(r);
      await socket.join(room);
      ack({ ok: true, data: { room } });
    });
    socket.on('leave', async (ack: (r: Ack) => void) => {
      for (const r of socket.rooms) if (r !== socket.id) await socket.leave(r);
      ack({ ok: true, data: {} });
    });
  });
  await new Promise<void>((r) => bareHttp.listen(0, '127.0.0.1', () => r()));
  const bareUrl = `http://127.0.0.1:${(bareHttp.address() as { port: number }).port}`;
  const bareClients: import('socket.io-client').Socket[] = [];
  for (let i = 0; i < CLIENTS; i += 50) bareClients.push(...(await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, () => open(bareUrl)))));
  const bareSockets = [...bare.sockets.sockets.values()];

  const bareRun = (event: 'assigned' | 'returned') =>
    new Promise<void>((resolve, reject) => {
      let done = 0;
      for (const c of bareClients) {
        c.once(event, async (room?: string) => {
          const ack = (await (event === 'assigned' ? c.timeout(60_000).emitWithAck('join', room) : c.timeout(60_000).emitWithAck('leave'))) as Ack;
          if (!ack.ok) return reject(new Error('bare join failed'));
          if (++done === bareClients.length) resolve();
        });
      }
      if (event === 'assigned') bareSockets.forEach((s, i) => s.emit('assigned', `room-${i % ROOMS}`));
      else bare.emit('returned');
    });
  const baseline = { open: [] as number[], close: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    await bareRun('assigned');
    baseline.open.push(performance.now() - t0);
    const t1 = performance.now();
    await bareRun('returned');
    baseline.close.push(performance.now() - t1);
  }

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

  for (const c of [...clients, moderator, ...bareClients]) c.disconnect();
  await new Promise<void>((res) => bare.close(() => res()));
  await server.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
