// The poll burst, shared by the benchmark (bench/poll-burst.ts) and its CI-sized
// test (tests/integration/poll-burst.test.ts): N clients join a session's polls,
// a moderator launches a word cloud, every client answers within one second, and
// we measure the time until every client holds the final result (all N answers).
// In the same run, the floor: a bare Socket.IO server taking the same N answers
// over the same window and broadcasting one message of the same size at the end.
import { randomUUID } from 'node:crypto';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { PollResults } from '../lib/contracts/polls';

export interface BurstUser {
  cookie: string;
}
export interface BurstOptions {
  url: string;
  sessionId: string;
  moderator: BurstUser;
  participants: BurstUser[];
  /** Spread the answers over this window (ms). */
  windowMs?: number;
  /** A plain Socket.IO server running `bareHandler`, for the baseline; omitted → no baseline. */
  bareUrl?: string;
}
export interface BurstReport {
  clients: number;
  acked: number;
  failedAcks: { code: string; message: string }[];
  /** The last results each client held when the wait ended. */
  lastCounts: number[];
  /** Results messages received per client (coalescing keeps this far below N). */
  messagesPerClient: { max: number; mean: number };
  /** From the first answer sent until every client showed N answers. */
  pollMs: number;
  bareMs: number | null;
}

const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
type Client = Socket & { results: PollResults[] };

function connect(url: string, cookie?: string): Promise<Client> {
  const s = connectClient(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true }) as Client;
  s.results = [];
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
const ack = <T>(s: Socket, name: string, payload: unknown) => (s.timeout(120_000).emitWithAck as (n: string, p: unknown) => Promise<T>)(name, payload);
type AckOf<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export async function runPollBurst(o: BurstOptions): Promise<BurstReport> {
  const n = o.participants.length;
  const windowMs = o.windowMs ?? 1000;
  const mod = await connect(o.url, o.moderator.cookie);
  const clients: Client[] = [];
  for (let i = 0; i < n; i += 50) clients.push(...(await Promise.all(o.participants.slice(i, i + 50).map((p) => connect(o.url, p.cookie)))));
  try {
    const joined = await Promise.all([mod, ...clients].map((c) => ack<AckOf<unknown>>(c, 'poll:join', { sessionId: o.sessionId })));
    const bad = joined.find((j) => !j.ok);
    if (bad && !bad.ok) throw new Error(`poll:join failed: ${bad.error.code}`);
    const created = await ack<AckOf<{ id: string }>>(mod, 'poll:create', { sessionId: o.sessionId, pollId: randomUUID(), draft: { kind: 'word_cloud', question: 'One word for this session?' }, launch: true });
    if (!created.ok) throw new Error(`poll:create failed: ${created.error.code}`);
    const pollId = created.data.id;

    let everyone: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (everyone = resolve));
    let done = 0;
    for (const c of clients) {
      let finished = false;
      c.on('poll:results' as never, (r: PollResults) => {
        if (r.pollId !== pollId) return;
        c.results.push(r);
        if (!finished && r.all.responses === n) {
          finished = true;
          if (++done === n) everyone();
        }
      });
    }
    const words = ['trust', 'Trust', 'market access', 'pasar', 'Kepercayaan', 'network'];
    const start = process.hrtime.bigint();
    const acks = await Promise.all(
      clients.map(
        (c, i) =>
          new Promise<AckOf<unknown>>((resolve, reject) =>
            setTimeout(() => {
              ack<AckOf<unknown>>(c, 'poll:answer', { pollId, answerId: randomUUID(), answer: { type: 'text', text: words[i % words.length] } }).then(resolve, reject);
            }, (i * windowMs) / n),
          ),
      ),
    );
    const failedAcks = acks.flatMap((a) => (a.ok ? [] : [a.error]));
    if (!failedAcks.length) await Promise.race([allDone, new Promise((r) => setTimeout(r, 60_000))]);
    const pollMs = ms(start, process.hrtime.bigint());
    const counts = clients.map((c) => c.results.length);

    let bareMs: number | null = null;
    if (o.bareUrl) bareMs = await bareBurst(o.bareUrl, n, JSON.stringify(clients[0]?.results.at(-1) ?? {}).length, windowMs);
    return {
      clients: n,
      acked: acks.filter((a) => a.ok).length,
      failedAcks,
      lastCounts: clients.map((c) => c.results.at(-1)?.all.responses ?? 0),
      messagesPerClient: { max: Math.max(...counts), mean: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length) },
      pollMs,
      bareMs,
    };
  } finally {
    mod.disconnect();
    clients.forEach((c) => c.disconnect());
  }
}

/**
 * The baseline, the floor any implementation stands on: the same N clients
 * on a plain Socket.IO server (no database, no checks, no coalescing delay)
 * send one answer each over the same window, acked; when the Nth arrives the
 * server broadcasts one message as large as the final result. Time from the
 * first answer until every client has that message.
 */
async function bareBurst(url: string, n: number, size: number, windowMs: number): Promise<number> {
  const clients: Client[] = [];
  for (let i = 0; i < n; i += 50) clients.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => connect(url)))));
  try {
    const run = randomUUID();
    let done = 0;
    let everyone: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (everyone = resolve));
    for (const c of clients)
      c.on('result' as never, (p: { run: string }) => {
        if (p.run === run && ++done === n) everyone();
      });
    const pad = 'x'.repeat(Math.max(0, size - 60));
    const start = process.hrtime.bigint();
    await Promise.all(
      clients.map(
        (c, i) => new Promise<unknown>((resolve, reject) => setTimeout(() => ack<unknown>(c, 'answer', { run, n, pad }).then(resolve, reject), (i * windowMs) / n)),
      ),
    );
    await allDone;
    return ms(start, process.hrtime.bigint());
  } finally {
    clients.forEach((c) => c.disconnect());
  }
}

/** The bare server's whole logic (bench/poll-burst-server.ts runs it on its own port). */
export function bareHandler(io: import('socket.io').Server): void {
  const counts = new Map<string, number>();
  io.on('connection', (socket) => {
    socket.on('answer', (p: { run: string; n: number; pad: string }, cb: (r: unknown) => void) => {
      const count = (counts.get(p.run) ?? 0) + 1;
      counts.set(p.run, count);
      cb({ ok: true });
      if (count === p.n) {
        counts.delete(p.run);
        io.emit('result', { run: p.run, pad: p.pad });
      }
    });
  });
}
