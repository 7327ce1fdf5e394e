// Q&A fan-out benchmark: N socket clients in one session (N = 100, 500, 1000),
// one question and a burst of votes through the real server and database, and
// in the same run a bare Socket.IO broadcast of the same payloads to the same
// clients. Reports p50/p99 of "time until every client has the update".
//   DATABASE_URL=postgres://… npm run bench:qa [-- --sizes 100,500,1000 --votes 100 --storm 200]
// Also a vote storm: `--storm` sockets (at most N) vote for one question at the same moment, each
// ack timed from its own emit (issue 14: p99 under 500 ms with the clients in another process), and
// an ask storm: as many sockets each ask a question at the same moment.
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { benchCookie } from './session-cookie';
import { io as connectClient, type Socket } from 'socket.io-client';

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
const SIZES = opt('sizes', '100,500,1000').split(',').map(Number);
const VOTES = Number(opt('votes', '100'));
const STORM = Number(opt('storm', '200'));
// A first, unreported round warms up the JIT, the connection pool and PostgreSQL's caches.
const WARMUP = Number(opt('warmup', '50'));

const now = () => process.hrtime.bigint();
const ms = (ns: bigint) => Number(ns) / 1e6;
function pct(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

type Client = Socket & { seen: Map<string, bigint> };

async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(__dirname, 'qa-fanout-server.ts'), [], { execArgv: ['--import', 'tsx'], env: process.env, stdio: 'inherit' });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type: string; url: string }) => (m.type === 'ready' ? resolve(m.url) : reject(new Error('bad start'))));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, url };
}

async function main() {
  const { child, url } = await startChild();
  const { db } = await import('../lib/db/client');
  const { eventMembers, users } = await import('../lib/db/schema');
  const { createEvent, createSession } = await import('../lib/services/programme');
  const d = await db();

  async function makeUsers(n: number) {
    const rows = await d
      .insert(users)
      .values(Array.from({ length: n }, (_, i) => ({ name: `Bench ${i}`, email: `${randomUUID()}@bench.balai` })))
      .returning({ id: users.id, name: users.name });
    return Promise.all(
      rows.map(async (r) => ({ ...r, cookie: await benchCookie(r.id, r.name) })),
    );
  }

  function connect(cookie: string): Promise<Client> {
    const s = connectClient(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true }) as Client;
    s.seen = new Map();
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  }
  const ack = <T>(s: Socket, name: string, payload: unknown) => (s.timeout(60_000).emitWithAck as (n: string, p: unknown) => Promise<T>)(name, payload);

  const results: { n: number; qa: number[]; bare: number[]; qaQuestion: number; bareQuestion: number; acks: number[]; asks: number[]; asksEverywhere: number }[] = [];
  const rounds = WARMUP > 0 ? [WARMUP, ...SIZES] : SIZES;
  for (const [round, n] of rounds.entries()) {
    const [organizer] = await makeUsers(1);
    const event = await createEvent(organizer!.id, {
      title: `Bench ${n} ${randomUUID().slice(0, 6)}`,
      description: '',
      timeZone: 'Asia/Jakarta',
      startDate: '2026-11-27',
      endDate: '2026-11-27',
      venueName: '',
      venueAddress: '',
    });
    const session = await createSession(organizer!.id, event.id, {
      title: 'Bench',
      description: '',
      startsAt: '2026-11-27T09:00',
      endsAt: '2026-11-27T10:00',
      kind: 'plenary',
      speakers: [],
      venueRoom: '',
      liveMode: 'webinar',
    });
    const people = await makeUsers(n);
    await d.insert(eventMembers).values(people.map((p, i) => ({ eventId: event.id, userId: p.id, role: 'participant' as const, attendanceMode: i % 2 ? ('remote' as const) : ('in_person' as const) })));
    const clients: Client[] = [];
    for (let i = 0; i < people.length; i += 50) clients.push(...(await Promise.all(people.slice(i, i + 50).map((p) => connect(p.cookie)))));
    for (let i = 0; i < clients.length; i += 100) await Promise.all(clients.slice(i, i + 100).map((c) => ack(c, 'qa:join', { sessionId: session.id })));
    const mod = await connect(organizer!.cookie);
    await ack(mod, 'qa:join', { sessionId: session.id });

    // Every client stamps the first arrival of each update: a question by id, a vote update by rev.
    for (const c of clients) {
      c.on('qa:question-changed', (q: { id: string }) => c.seen.has(`q:${q.id}`) || c.seen.set(`q:${q.id}`, now()));
      // Counts are coalesced (the latest per question, a few per second): a vote has arrived once a
      // notice of its revision or a later one has.
      c.on('qa:votes-changed', (v: { questionId: string; rev: number }) => {
        const t = now();
        for (let r = v.rev; r > 0 && !c.seen.has(`v:${v.questionId}:${r}`); r--) c.seen.set(`v:${v.questionId}:${r}`, t);
      });
    }
    const allHave = (key: string) =>
      new Promise<bigint>((resolve) => {
        const tick = () => (clients.every((c) => c.seen.has(key)) ? resolve(clients.reduce((m, c) => (c.seen.get(key)! > m ? c.seen.get(key)! : m), 0n)) : setTimeout(tick, 2));
        tick();
      });

    // 1. Through Balai: one question (from the moderator), then a burst of votes from V different people.
    const questionId = randomUUID();
    const tq = now();
    await ack(mod, 'qa:ask', { sessionId: session.id, questionId, text: 'Benchmark question: which policy helps most?', anonymous: false });
    const qaQuestion = ms((await allHave(`q:${questionId}`)) - tq);
    const voters = clients.slice(0, Math.min(VOTES, clients.length));
    // Votes committed together share a revision: each is timed from its own emit.
    const sent: [number, bigint][] = [];
    await Promise.all(
      voters.map(async (c) => {
        const t0 = now();
        const res = await ack<{ ok: boolean; data: { rev: number } }>(c, 'qa:vote', { mutationId: randomUUID(), questionId, voted: true });
        if (!res.ok) throw new Error('vote failed');
        sent.push([res.data.rev, t0]);
      }),
    );
    const qa: number[] = [];
    for (const [rev, t0] of sent) qa.push(ms((await allHave(`v:${questionId}:${rev}`)) - t0));

    // 2. Baseline: the same payloads, broadcast bare by the server to the same room and clients.
    const bareId = randomUUID();
    const questionPayload = { id: bareId, sessionId: session.id, text: 'Benchmark question: which policy helps most?' };
    const votePayloads = sent.map((_, i) => ({ sessionId: session.id, questionId: bareId, voteCount: i + 1, rev: i + 2 }));
    const broadcast = (event: string, payloads: unknown[]) =>
      new Promise<bigint[]>((resolve) => {
        child.once('message', (m: { type: string; times: string[] }) => resolve(m.times.map(BigInt)));
        child.send({ type: 'broadcast', sessionId: session.id, event, payloads });
      });
    const [tb] = await broadcast('qa:question-changed', [questionPayload]);
    const bareQuestion = ms((await allHave(`q:${bareId}`)) - tb!);
    const times = await broadcast('qa:votes-changed', votePayloads);
    const bare: number[] = [];
    for (let i = 0; i < votePayloads.length; i++) bare.push(ms((await allHave(`v:${bareId}:${votePayloads[i]!.rev}`)) - times[i]!));

    // 3. Vote storm: STORM sockets vote for a new question at once; the time each waits for its ack.
    const stormId = randomUUID();
    await ack(mod, 'qa:ask', { sessionId: session.id, questionId: stormId, text: 'Benchmark storm: which policy comes first?', anonymous: false });
    const acks = await Promise.all(
      clients.slice(0, Math.min(STORM, clients.length)).map(async (c) => {
        const t0 = now();
        const res = await ack<{ ok: boolean }>(c, 'qa:vote', { mutationId: randomUUID(), questionId: stormId, voted: true });
        if (!res.ok) throw new Error('storm vote failed');
        return ms(now() - t0);
      }),
    );

    // 4. Ask storm: STORM sockets each ask a question at the same moment (asks are group-committed too);
    // each ack timed from its own emit, and the time until every client has every question.
    const askIds = clients.slice(0, Math.min(STORM, clients.length)).map(() => randomUUID());
    const ta = now();
    const asks = await Promise.all(
      askIds.map(async (questionId, i) => {
        const t0 = now();
        const res = await ack<{ ok: boolean }>(clients[i]!, 'qa:ask', { sessionId: session.id, questionId, text: `Benchmark storm question ${i}?`, anonymous: false });
        if (!res.ok) throw new Error('storm ask failed');
        return ms(now() - t0);
      }),
    );
    let lastSeen = 0n;
    for (const id of askIds) {
      const t = await allHave(`q:${id}`);
      if (t > lastSeen) lastSeen = t;
    }
    const asksEverywhere = ms(lastSeen - ta);

    for (const c of [...clients, mod]) c.disconnect();
    if (WARMUP > 0 && round === 0) {
      console.log(`warm-up with ${n} clients done`);
      continue;
    }
    results.push({ n, qa, bare, qaQuestion, bareQuestion, acks, asks, asksEverywhere });
    console.log(
      `n=${n}: question ${qaQuestion.toFixed(1)} ms (bare ${bareQuestion.toFixed(1)}); votes p50 ${pct(qa, 50).toFixed(1)} / p99 ${pct(qa, 99).toFixed(1)} ms (bare ${pct(bare, 50).toFixed(1)} / ${pct(bare, 99).toFixed(1)}); storm of ${acks.length} votes: ack p50 ${pct(acks, 50).toFixed(1)} / p99 ${pct(acks, 99).toFixed(1)} ms; storm of ${asks.length} asks: ack p50 ${pct(asks, 50).toFixed(1)} / p99 ${pct(asks, 99).toFixed(1)} ms, all at every client ${asksEverywhere.toFixed(1)} ms`,
    );
  }

  const f = (x: number) => x.toFixed(1);
  console.log(`\n### Q&A fan-out (bench/qa-fanout.ts), ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; \`${execSync('uname -a').toString().trim()}\`; Node ${process.version}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; PostgreSQL; server in its own process, clients in another.`);
  console.log(`Each run: one question from the moderator, then ${VOTES} people vote at once. "Until every client has it": from the sender's emit to the last client's receipt (ms). Baseline: the server broadcasting the same payloads bare to the same room (no database, no checks).\n`);
  console.log('| clients | question (Balai / bare) | votes p50 Balai | votes p99 Balai | votes p50 bare | votes p99 bare | ratio p50 | ratio p99 |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const [qp50, qp99, bp50, bp99] = [pct(r.qa, 50), pct(r.qa, 99), pct(r.bare, 50), pct(r.bare, 99)];
    console.log(`| ${r.n} | ${f(r.qaQuestion)} / ${f(r.bareQuestion)} | ${f(qp50)} | ${f(qp99)} | ${f(bp50)} | ${f(bp99)} | ${(qp50 / bp50).toFixed(1)}× | ${(qp99 / bp99).toFixed(1)}× |`);
  }
  console.log(`\nVote storm: that many sockets vote for one new question at the same moment; time from each emit to its ack (ms).\n`);
  console.log('| clients | sockets voting at once | ack p50 | ack p99 | ack max |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.n} | ${r.acks.length} | ${f(pct(r.acks, 50))} | ${f(pct(r.acks, 99))} | ${f(Math.max(...r.acks))} |`);
  console.log(`\nAsk storm: that many sockets each ask a question at the same moment; time from each emit to its ack, and from the first emit until every client has every question (ms).\n`);
  console.log('| clients | sockets asking at once | ack p50 | ack p99 | ack max | all questions at every client |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.n} | ${r.asks.length} | ${f(pct(r.asks, 50))} | ${f(pct(r.asks, 99))} | ${f(Math.max(...r.asks))} | ${f(r.asksEverywhere)} |`);
  child.send({ type: 'stop' });
  const { closeDb } = await import('../lib/db/client');
  await closeDb();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
