// Q&A fan-out benchmark: N socket clients in one session (N = 100, 500, 1000),
// one question and a burst of votes through the real server and database, and
// in the same run a bare Socket.IO broadcast of the same payloads to the same
// clients. Reports p50/p99 of "time until every client has the update".
//   DATABASE_URL=postgres://… npm run bench:qa [-- --sizes 100,500,1000 --votes 100 --storm 200]
// Also a vote storm: `--storm` sockets (at most N) vote for one question at the same moment, each
// ack timed from its own emit (issue 14: p99 under 500 ms with the clients in another process), and
// an ask storm: as many sockets each ask a question at the same moment.
// The measuring is bench/qa-fanout-core.ts, shared with the CI-sized run in `npm test`
// (tests/integration/bench/qa-fanout.test.ts); a run with a correctness problem exits 1.
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { benchCookie } from './session-cookie';
import { percentile as pct, runQaFanout, startFanoutServer, type FanoutReport } from './qa-fanout-core';

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

/** What the CI-sized test fails on (tests/integration/bench/qa-fanout.test.ts): a benchmark run must not pass it by silently. */
const problems = (r: FanoutReport) => [
  ...r.failed.map((f) => `failed ${f.step}: ${f.code} ${f.message}`),
  ...r.notReceived.map((x) => `not received by ${x}`),
  ...r.outOfOrder.map((x) => `out of order at ${x}`),
  ...r.duplicated.map((x) => `doubled at ${x}`),
  ...r.miscounted.map((x) => `miscounted: ${x}`),
];

async function main() {
  const server = await startFanoutServer();
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
      rows.map(async (r) => ({ ...r, userId: r.id, cookie: await benchCookie(r.id, r.name) })),
    );
  }

  const results: FanoutReport[] = [];
  let wrong = 0;
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
    const r = await runQaFanout({ server, sessionId: session.id, moderator: organizer!, participants: people, votes: VOTES, storm: STORM });
    const bad = problems(r);
    wrong += bad.length;
    for (const p of bad.slice(0, 10)) console.error(`n=${n}: ${p}`);
    if (bad.length > 10) console.error(`n=${n}: … and ${bad.length - 10} more`);

    if (WARMUP > 0 && round === 0) {
      console.log(`warm-up with ${n} clients done`);
      continue;
    }
    const { qa, bare, qaQuestion, bareQuestion, acks, asks, asksEverywhere } = r;
    results.push(r);
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
    console.log(`| ${r.clients} | ${f(r.qaQuestion)} / ${f(r.bareQuestion)} | ${f(qp50)} | ${f(qp99)} | ${f(bp50)} | ${f(bp99)} | ${(qp50 / bp50).toFixed(1)}× | ${(qp99 / bp99).toFixed(1)}× |`);
  }
  console.log(`\nVote storm: that many sockets vote for one new question at the same moment; time from each emit to its ack (ms).\n`);
  console.log('| clients | sockets voting at once | ack p50 | ack p99 | ack max |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.clients} | ${r.acks.length} | ${f(pct(r.acks, 50))} | ${f(pct(r.acks, 99))} | ${f(Math.max(...r.acks))} |`);
  console.log(`\nAsk storm: that many sockets each ask a question at the same moment; time from each emit to its ack, and from the first emit until every client has every question (ms).\n`);
  console.log('| clients | sockets asking at once | ack p50 | ack p99 | ack max | all questions at every client |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.clients} | ${r.asks.length} | ${f(pct(r.asks, 50))} | ${f(pct(r.asks, 99))} | ${f(Math.max(...r.asks))} | ${f(r.asksEverywhere)} |`);
  await server.stop();
  const { closeDb } = await import('../lib/db/client');
  await closeDb();
  if (wrong) {
    console.error(`${wrong} correctness problems (above)`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
