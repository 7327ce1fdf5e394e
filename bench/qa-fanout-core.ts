// Q&A fan-out, shared by the benchmark (bench/qa-fanout.ts) and its CI-sized test
// (tests/integration/bench/qa-fanout.test.ts). N socket clients in one session: one question and a
// burst of votes through the real server and database, the same payloads broadcast bare by the server
// to the same clients, then a vote storm and an ask storm. Timings are the benchmark's; the report also
// says what the test needs, measured on the same run: what every client received, in which order, and
// whether acknowledged votes and questions are the database's rows.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { io as connectClient, type Socket } from 'socket.io-client';

export interface FanoutUser {
  userId: string;
  cookie: string;
}

/** bench/qa-fanout-server.ts in a process of its own; it also broadcasts the baseline on request. */
export interface FanoutServer {
  url: string;
  /** Emits `payloads` bare to the session's audience room; resolves with each emit's monotonic time. */
  broadcast(sessionId: string, event: string, payloads: unknown[]): Promise<bigint[]>;
  stop(): Promise<void>;
}

export interface FanoutOptions {
  server: FanoutServer;
  sessionId: string;
  /** Asks the question everyone votes for: its questions are public at once. */
  moderator: FanoutUser;
  participants: FanoutUser[];
  /** How many participants vote at once for the moderator's question. */
  votes: number;
  /** How many participants vote at once for a new question, then each ask one. */
  storm: number;
  /** How long each wait for every client to have an update may take before what is missing is reported (a correctness bound, not a timing). */
  settleMs?: number;
}

export interface FanoutReport {
  clients: number;
  /** From the moderator's emit until every client has the question (ms); NaN if some never did. */
  qaQuestion: number;
  bareQuestion: number;
  /** Per vote: from its emit until every client has its count (ms). */
  qa: number[];
  bare: number[];
  /** Vote storm and ask storm: from each emit to its ack (ms). */
  acks: number[];
  asks: number[];
  /** From the first ask of the storm until every client has every question (ms). */
  asksEverywhere: number;
  /** Requests answered ok, by step (each request is answered once or counted in `failed`). */
  ok: { votes: number; stormVotes: number; stormAsks: number };
  /** Requests answered with an error, or not at all. */
  failed: Array<{ step: string; code: string; message: string }>;
  /** A client that never got an update every client must get: a question, a vote's count, the final count. */
  notReceived: string[];
  /** A client that got a question's revisions out of order. */
  outOfOrder: string[];
  /** A client that got one question's notice more than once. */
  duplicated: string[];
  /** Counts that disagree: a counter with its vote rows, the rows with the acknowledged votes, a client's last count with the database. */
  miscounted: string[];
}

interface Client {
  name: string;
  socket: Socket;
  /** First arrival of each update: `q:<id>` for a question, `v:<id>:<rev>` for a vote count. */
  seen: Map<string, bigint>;
  /** Question notices received, per question id. */
  notices: Map<string, number>;
  /** Revisions received per question (question and vote notices), in arrival order. */
  revs: Map<string, number[]>;
  /** The count of the newest revision received, per question. */
  latest: Map<string, { rev: number; voteCount: number }>;
}

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const now = () => process.hrtime.bigint();
const ms = (ns: bigint) => Number(ns) / 1e6;

export const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

/** Starts bench/qa-fanout-server.ts as a child process (the environment is inherited: the same database and secret). */
export async function startFanoutServer(env: Record<string, string> = {}): Promise<FanoutServer> {
  const child = fork(path.join(__dirname, 'qa-fanout-server.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type: string; url: string }) => (m.type === 'ready' ? resolve(m.url) : reject(new Error('bad start'))));
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return {
    url,
    broadcast: (sessionId, event, payloads) =>
      new Promise<bigint[]>((resolve, reject) => {
        child.once('message', (m: { type: string; times: string[] }) => resolve(m.times.map(BigInt)));
        void exited.then(() => reject(new Error('the server process exited')));
        child.send({ type: 'broadcast', sessionId, event, payloads });
      }),
    stop: async () => {
      child.send({ type: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function connect(url: string, name: string, cookie: string): Promise<Client> {
  const socket = connectClient(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  const c: Client = { name, socket, seen: new Map(), notices: new Map(), revs: new Map(), latest: new Map() };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(c));
    socket.once('connect_error', reject);
  });
}

/** A request's answer; no answer within a minute counts as a failure of its own. */
async function request<T>(s: Socket, name: string, payload: unknown): Promise<Answer<T>> {
  try {
    return await (s.timeout(60_000).emitWithAck as (n: string, p: unknown) => Promise<Answer<T>>)(name, payload);
  } catch (err) {
    return { ok: false, error: { code: 'no_answer', message: err instanceof Error ? err.message : String(err) } };
  }
}

function listen(c: Client) {
  const revision = (questionId: string, rev: number, voteCount: number) => {
    const revs = c.revs.get(questionId) ?? [];
    revs.push(rev);
    c.revs.set(questionId, revs);
    if (rev > (c.latest.get(questionId)?.rev ?? -1)) c.latest.set(questionId, { rev, voteCount });
  };
  c.socket.on('qa:question-changed', (q: { id: string; rev?: number; voteCount?: number }) => {
    if (!c.seen.has(`q:${q.id}`)) c.seen.set(`q:${q.id}`, now());
    c.notices.set(q.id, (c.notices.get(q.id) ?? 0) + 1);
    // The baseline's payloads carry no revision.
    if (q.rev !== undefined) revision(q.id, q.rev, q.voteCount ?? 0);
  });
  // Counts are coalesced (the latest per question, a few per second): a vote has arrived once a
  // notice of its revision or a later one has.
  c.socket.on('qa:votes-changed', (v: { questionId: string; rev: number; voteCount: number }) => {
    const t = now();
    for (let r = v.rev; r > 0 && !c.seen.has(`v:${v.questionId}:${r}`); r--) c.seen.set(`v:${v.questionId}:${r}`, t);
    revision(v.questionId, v.rev, v.voteCount);
  });
}

export async function runQaFanout(o: FanoutOptions): Promise<FanoutReport> {
  const { db } = await import('../lib/db/client');
  const { qaQuestions, qaVotes } = await import('../lib/db/schema');
  const { inArray } = await import('drizzle-orm');
  const settleMs = o.settleMs ?? 60_000;
  const { sessionId } = o;
  const failed: FanoutReport['failed'] = [];
  const notReceived: string[] = [];

  // In the participants' order: client i votes and asks as participant i.
  const clients: Client[] = [];
  let mod: Client | undefined;
  try {
    for (let i = 0; i < o.participants.length; i += 50) {
      const batch = await Promise.allSettled(o.participants.slice(i, i + 50).map((p, j) => connect(o.server.url, `client ${i + j}`, p.cookie)));
      for (const b of batch) if (b.status === 'fulfilled') clients.push(b.value);
      const refused = batch.find((b) => b.status === 'rejected');
      if (refused) throw refused.reason;
    }
    const join = async (c: Client) => {
      const res = await request(c.socket, 'qa:join', { sessionId });
      if (!res.ok) throw new Error(`qa:join failed for ${c.name}: ${res.error.code} ${res.error.message}`);
    };
    for (let i = 0; i < clients.length; i += 100) await Promise.all(clients.slice(i, i + 100).map(join));
    mod = await connect(o.server.url, 'moderator', o.moderator.cookie);
    await join(mod);
    for (const c of clients) listen(c);
    listen(mod);
    const everyone = [...clients, mod];

    /** When the last client had `key`, or null (and what is missing noted) if some still lack it at `deadline`. */
    const allHave = (key: string, what: string, deadline: number, who = clients) =>
      new Promise<bigint | null>((resolve) => {
        const tick = () => {
          if (who.every((c) => c.seen.has(key))) return resolve(who.reduce((m, c) => (c.seen.get(key)! > m ? c.seen.get(key)! : m), 0n));
          if (Date.now() < deadline) return void setTimeout(tick, 2);
          for (const c of who) if (!c.seen.has(key)) notReceived.push(`${c.name}: ${what}`);
          resolve(null);
        };
        tick();
      });
    const since = (t: bigint | null, t0: bigint) => (t === null ? NaN : ms(t - t0));
    const askAs = async (c: Client, step: string, questionId: string, text: string) => {
      const res = await request(c.socket, 'qa:ask', { sessionId, questionId, text, anonymous: false });
      if (!res.ok) failed.push({ step, ...res.error });
      return res.ok;
    };

    // 1. Through Balai: one question (from the moderator), then a burst of votes from V different people.
    const questionId = randomUUID();
    const tq = now();
    await askAs(mod, 'question', questionId, 'Benchmark question: which policy helps most?');
    const qaQuestion = since(await allHave(`q:${questionId}`, 'the question', Date.now() + settleMs), tq);
    const voters = o.participants.slice(0, Math.min(o.votes, clients.length));
    // Votes committed together share a revision: each is timed from its own emit.
    const sent: [number, bigint][] = [];
    const voted: string[] = [];
    await Promise.all(
      voters.map(async (p, i) => {
        const t0 = now();
        const res = await request<{ rev: number }>(clients[i]!.socket, 'qa:vote', { mutationId: randomUUID(), questionId, voted: true });
        if (!res.ok) return void failed.push({ step: 'vote', ...res.error });
        sent.push([res.data.rev, t0]);
        voted.push(p.userId);
      }),
    );
    const qa: number[] = [];
    let deadline = Date.now() + settleMs;
    for (const [rev, t0] of sent) qa.push(since(await allHave(`v:${questionId}:${rev}`, `the vote of revision ${rev}`, deadline), t0));

    // 2. Baseline: the same payloads, broadcast bare by the server to the same room and clients.
    const bareId = randomUUID();
    const questionPayload = { id: bareId, sessionId, text: 'Benchmark question: which policy helps most?' };
    const votePayloads = sent.map((_, i) => ({ sessionId, questionId: bareId, voteCount: i + 1, rev: i + 2 }));
    const [tb] = await o.server.broadcast(sessionId, 'qa:question-changed', [questionPayload]);
    const bareQuestion = since(await allHave(`q:${bareId}`, 'the bare question', Date.now() + settleMs), tb!);
    const times = await o.server.broadcast(sessionId, 'qa:votes-changed', votePayloads);
    const bare: number[] = [];
    deadline = Date.now() + settleMs;
    for (let i = 0; i < votePayloads.length; i++) bare.push(since(await allHave(`v:${bareId}:${votePayloads[i]!.rev}`, `bare vote ${i}`, deadline), times[i]!));

    // 3. Vote storm: STORM sockets vote for a new question at once; the time each waits for its ack.
    const stormId = randomUUID();
    await askAs(mod, 'storm question', stormId, 'Benchmark storm: which policy comes first?');
    const stormers = o.participants.slice(0, Math.min(o.storm, clients.length));
    const stormVoted: string[] = [];
    const acks = (
      await Promise.all(
        stormers.map(async (p, i) => {
          const t0 = now();
          const res = await request(clients[i]!.socket, 'qa:vote', { mutationId: randomUUID(), questionId: stormId, voted: true });
          if (!res.ok) return void failed.push({ step: 'storm vote', ...res.error });
          stormVoted.push(p.userId);
          return ms(now() - t0);
        }),
      )
    ).filter((t): t is number => t !== undefined);

    // 4. Ask storm: STORM sockets each ask a question at the same moment (asks are group-committed too);
    // each ack timed from its own emit, and the time until every client has every question.
    const askIds = stormers.map(() => randomUUID());
    const asked: string[] = [];
    const ta = now();
    const asks = (
      await Promise.all(
        askIds.map(async (id, i) => {
          const t0 = now();
          if (!(await askAs(clients[i]!, 'storm ask', id, `Benchmark storm question ${i}?`))) return undefined;
          asked.push(id);
          return ms(now() - t0);
        }),
      )
    ).filter((t): t is number => t !== undefined);
    let lastSeen: bigint | null = 0n;
    deadline = Date.now() + settleMs;
    for (const id of askIds) {
      const t = await allHave(`q:${id}`, `storm question ${id}`, deadline);
      if (t === null) lastSeen = null;
      else if (lastSeen !== null && t > lastSeen) lastSeen = t;
    }
    const asksEverywhere = since(lastSeen, ta);

    // What the timings did not wait for, checked after them. A marker asked last by the moderator: fan-outs of
    // a session go out in order and a socket gets its notices in order, so once every client has it, every
    // question notice sent before it has arrived (a doubled one too).
    const markerId = randomUUID();
    await askAs(mod, 'marker', markerId, 'Benchmark marker: anything else?');
    deadline = Date.now() + settleMs;
    await allHave(`q:${markerId}`, 'the marker question', deadline, everyone);
    const d = await db();
    const counted = [questionId, stormId];
    const questions = await d.select().from(qaQuestions).where(inArray(qaQuestions.id, [...counted, ...askIds]));
    const voteRows = await d.select().from(qaVotes).where(inArray(qaVotes.questionId, counted));
    const stored = new Map(questions.map((q) => [q.id, q]));
    const miscounted: string[] = [];
    for (const [id, who, ok] of [
      [questionId, 'the question', voted],
      [stormId, 'the storm question', stormVoted],
    ] as const) {
      const q = stored.get(id);
      const rows = voteRows.filter((v) => v.questionId === id).map((v) => v.userId);
      if (!q) {
        miscounted.push(`${who}: not in the database`);
        continue;
      }
      if (q.voteCount !== rows.length) miscounted.push(`${who}: counter ${q.voteCount}, ${rows.length} vote rows`);
      if (rows.length !== ok.length || rows.some((u) => !ok.includes(u))) miscounted.push(`${who}: ${rows.length} vote rows, ${ok.length} votes acknowledged`);
      // Vote counts are coalesced: the newest revision may still be in its window; wait for it, within bounds.
      while (everyone.some((c) => (c.latest.get(id)?.rev ?? -1) < q.rev) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const c of everyone) {
        const held = c.latest.get(id);
        if (!held || held.rev < q.rev) notReceived.push(`${c.name}: the final count of ${who} (holds ${held ? `rev ${held.rev}` : 'nothing'}, server rev ${q.rev})`);
        else if (held.voteCount !== q.voteCount) miscounted.push(`${c.name}: ${who} shows ${held.voteCount} votes, the database ${q.voteCount}`);
      }
    }
    for (const id of asked) if (!stored.has(id)) miscounted.push(`storm question ${id}: acknowledged, not in the database`);

    const outOfOrder: string[] = [];
    const duplicated: string[] = [];
    for (const c of everyone) {
      for (const id of [...counted, ...asked, markerId]) {
        const revs = c.revs.get(id) ?? [];
        if (revs.some((r, i) => i > 0 && r <= revs[i - 1]!)) outOfOrder.push(`${c.name}: revisions ${revs.join(', ')} of ${id}`);
        const n = c.notices.get(id) ?? 0;
        if (n > 1) duplicated.push(`${c.name}: ${n} notices of question ${id}`);
        // The waits above covered the participants; the moderator's questions are checked here.
        if (n === 0 && c === mod && id !== markerId) notReceived.push(`${c.name}: question ${id}`);
      }
    }

    return {
      clients: clients.length,
      qaQuestion,
      bareQuestion,
      qa,
      bare,
      acks,
      asks,
      asksEverywhere,
      ok: { votes: voted.length, stormVotes: stormVoted.length, stormAsks: asked.length },
      failed,
      // A vote that never arrived is noted once per wait for it; votes committed together share one.
      notReceived: [...new Set(notReceived)],
      outOfOrder,
      duplicated,
      miscounted,
    };
  } finally {
    for (const c of [...clients, ...(mod ? [mod] : [])]) c.socket.disconnect();
  }
}
