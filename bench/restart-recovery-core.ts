// Recovery after a crash, shared by the benchmark (bench/restart-recovery.ts) and its CI-sized test
// (tests/integration/restart/recovery.test.ts). N clients are in one session's Q&A, presence and
// breakouts; they vote in a burst, each vote with its client mutation id, through the browser's own
// request helpers (fail at once when the connection drops, retry with the same id once it is back,
// reconnect with the browser's jittered delays). Mid-burst the server process is killed with SIGKILL
// and started again on the same port. We time every client back to a consistent state and compare
// what was acknowledged with the database.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io as connectClient } from 'socket.io-client';
import { and, eq, inArray } from 'drizzle-orm';
import { RECONNECTION, sendOn, spreadReconnects, DROPPED, type BalaiClientSocket } from '../app/_lib/realtime-client';
import { mutateOn } from '../app/_components/qa/qa-client';
import type { ClientEventName, ClientPayload, ClientResult } from '../lib/contracts/realtime';
import type { Ack } from '../lib/contracts/define';
import type { QaSnapshot, QuestionView } from '../lib/contracts/qa';

/** The server as a process of its own: SIGKILL can only be tried on one. */
export interface ServerProcess {
  url: string;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** An orderly stop at the end. */
  stop(): Promise<void>;
}

export interface RecoveryOptions {
  /** The server, already started (it migrated the database the caller set the scene in). */
  server: ServerProcess;
  /** Starts the server again on the same port; resolves once it takes connections. */
  start(): Promise<ServerProcess>;
  sessionId: string;
  moderator: { cookie: string };
  participants: Array<{ userId: string; cookie: string }>;
  questions?: number;
  writesPerClient?: number;
  /** Kill once this share of all writes is acknowledged. */
  killAt?: number;
  /** How long the clients may take to become consistent before they count as not (a correctness bound, not a timing). */
  settleMs?: number;
}

export interface RecoveryReport {
  clients: number;
  writes: number;
  acked: number;
  /** Acknowledged before the kill: the kill came mid-burst when this is above 0 and below `writes`. */
  ackedBeforeKill: number;
  /** Acknowledged, and not in the database afterwards: must be none. */
  lostAcked: string[];
  /** A question whose counter differs from its vote rows (a retried write applied twice): must be none. */
  miscounted: string[];
  /** Writes that ended in an error answer after their retries. */
  failed: Array<{ code: string; message: string }>;
  /** Clients whose Q&A, presence or breakout room differ from the server's after recovery: must be none. */
  inconsistent: string[];
  /** Writes in flight at the kill, failed at once and retried after the reconnect. */
  retriedAfterDrop: number;
  /** Join requests that waited for their ack timeout and were asked again (a drop fails them at once instead). */
  timedOut: number;
  /** Kill → new server listening. */
  downMs: number;
  /** Per client: new server listening → back in Q&A (delta), presence and breakouts with every write from before the crash acknowledged. */
  recoverMs: number[];
  /** How many re-joins got a Q&A delta rather than the full list. */
  deltaJoins: number;
}

interface Client {
  userId: string;
  socket: BalaiClientSocket;
  questions: Map<string, { rev: number; voteCount: number }>;
  myVotes: Set<string>;
  /** Own votes acknowledged since the last join was sent: a snapshot read before they committed must not undo them. */
  votedSinceJoin: Map<string, boolean>;
  room: string | null;
  /** A write of it got no answer: its outcome is known only after another join. */
  unsure: boolean;
  joinedAt: number | null;
  pendingAtKill: Set<string>;
  pending: Set<string>;
  lastPendingAckAt: number;
}

const now = () => performance.now();

/** A request through the browser's helper, counting the ones that waited out their timeout. */
async function requestOn<K extends ClientEventName>(socket: BalaiClientSocket, name: K, payload: ClientPayload<K>, stats: { timedOut: number }): Promise<Ack<ClientResult<K>> | null> {
  try {
    const answer = await sendOn(socket, name, payload, 10_000);
    return answer === DROPPED ? null : answer;
  } catch {
    stats.timedOut++;
    return null;
  }
}

function applyQuestion(c: Client, q: Pick<QuestionView, 'id' | 'rev' | 'voteCount'>): void {
  const held = c.questions.get(q.id);
  if (!held || held.rev < q.rev) c.questions.set(q.id, { rev: q.rev, voteCount: q.voteCount });
}

function applySnapshot(c: Client, snap: QaSnapshot, votedSinceJoin: ReadonlyMap<string, boolean>): void {
  if (!snap.delta) c.questions.clear();
  for (const id of snap.removed ?? []) c.questions.delete(id);
  for (const q of snap.questions) applyQuestion(c, q);
  c.myVotes = new Set(snap.myVotes);
  for (const [id, voted] of votedSinceJoin) if (voted) c.myVotes.add(id);
  else c.myVotes.delete(id);
}

export async function runRestartRecovery(options: RecoveryOptions): Promise<RecoveryReport> {
  const held: { server?: ServerProcess } = { server: options.server };
  try {
    return await run(options, held);
  } catch (err) {
    // A failed run must not leave its server process behind.
    await held.server?.kill().catch(() => undefined);
    throw err;
  }
}

async function run(options: RecoveryOptions, held: { server?: ServerProcess }): Promise<RecoveryReport> {
  const { db } = await import('../lib/db/client');
  const { qaQuestions, qaVotes, breakoutAssignments } = await import('../lib/db/schema');
  // Asking is limited to 5 questions a minute per person; each client votes for each question at most once.
  const questionCount = options.questions ?? 5;
  const writesPerClient = Math.min(options.writesPerClient ?? 5, questionCount);
  const stats = { timedOut: 0, retriedAfterDrop: 0, deltaJoins: 0 };
  let server = options.server;
  const { sessionId } = options;

  const connect = (cookie: string, reconnection: boolean) =>
    new Promise<BalaiClientSocket>((resolve, reject) => {
      const s: BalaiClientSocket = connectClient(server.url, {
        path: '/socket.io',
        transports: ['websocket'],
        extraHeaders: { cookie },
        forceNew: true,
        reconnection,
        ...RECONNECTION,
      });
      if (reconnection) spreadReconnects(s);
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });

  // The moderator asks the questions everyone votes on (a moderator's questions are public at once).
  const moderator = await connect(options.moderator.cookie, false);
  const questionIds: string[] = [];
  for (let i = 0; i < questionCount; i++) {
    const ack = await requestOn(moderator, 'qa:ask', { sessionId, questionId: randomUUID(), text: `Question ${i + 1} for the crash`, anonymous: false }, stats);
    if (!ack?.ok) throw new Error(`asking failed: ${ack ? ack.error.message : 'dropped'}`);
    questionIds.push(ack.data.id);
  }

  let killedAt = 0;
  let readyAt = 0;
  const clients: Client[] = [];
  /**
   * (Re)joins Q&A with what the client holds, presence and breakouts, as the pages do on every connect.
   * A join that got no answer is asked again after a jittered pause while the connection lasts (a
   * dropped one joins again on its next connect).
   */
  const join = async (c: Client) => {
    const socket = c.socket;
    const done = { qa: false, presence: false, breakouts: false };
    while (socket.connected && !(done.qa && done.presence && done.breakouts)) {
      const have = c.questions.size ? Object.fromEntries([...c.questions].map(([id, q]) => [id, q.rev])) : undefined;
      if (!done.qa) c.votedSinceJoin = new Map();
      const votedSinceJoin = c.votedSinceJoin;
      const [qa, presence, breakouts] = await Promise.all([
        done.qa ? null : requestOn(socket, 'qa:join', { sessionId, view: 'own', have }, stats),
        done.presence ? null : requestOn(socket, 'presence:join', { sessionId }, stats),
        done.breakouts ? null : requestOn(socket, 'breakout:sync', { sessionId }, stats),
      ]);
      if (qa && !qa.ok && qa.error.code !== 'internal' && qa.error.code !== 'rate_limited') throw new Error(`qa:join refused: ${qa.error.message}`);
      if (qa?.ok) {
        if (qa.data.delta) stats.deltaJoins++;
        applySnapshot(c, qa.data, votedSinceJoin);
        done.qa = true;
      }
      if (presence?.ok) done.presence = true;
      if (breakouts?.ok) {
        c.room = breakouts.data.room?.id ?? null;
        done.breakouts = true;
      }
      // Spread and slowed: an overloaded server must not get every unanswered join again at once.
      if (!(done.qa && done.presence && done.breakouts)) await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
    }
    if (done.qa && done.presence && done.breakouts && socket.connected) c.joinedAt = now();
  };
  for (let i = 0; i < options.participants.length; i += 50) {
    await Promise.all(
      options.participants.slice(i, i + 50).map(async (p) => {
        const socket = await connect(p.cookie, true);
        const c: Client = { userId: p.userId, socket, questions: new Map(), myVotes: new Set(), votedSinceJoin: new Map(), room: null, unsure: false, joinedAt: null, pendingAtKill: new Set(), pending: new Set(), lastPendingAckAt: 0 };
        socket.on('qa:question-changed', (q) => applyQuestion(c, q));
        socket.on('qa:votes-changed', (v) => applyQuestion(c, { id: v.questionId, rev: v.rev, voteCount: v.voteCount }));
        socket.on('qa:my-vote-changed', (v) => (v.voted ? c.myVotes.add(v.questionId) : c.myVotes.delete(v.questionId)));
        socket.on('qa:question-removed', (r) => c.questions.delete(r.questionId));
        socket.on('breakout:placed', (p2) => (c.room = p2.room?.id ?? null));
        socket.on('disconnect', () => (c.joinedAt = null));
        socket.on('connect', () => void join(c).catch((err: unknown) => console.error('[recovery] join failed', err)));
        await join(c);
        clients.push(c);
      }),
    );
  }
  // Breakouts open with everyone present: each has a room to come back to.
  const opened = await requestOn(
    moderator,
    'breakout:open',
    {
      sessionId,
      runId: randomUUID(),
      mode: 'random',
      rooms: Array.from({ length: Math.max(1, Math.ceil(clients.length / 10)) }, (_, i) => ({ name: `Room ${i + 1}` })),
      durationMinutes: 30,
      seed: 'recovery',
    },
    stats,
  );
  if (!opened?.ok) throw new Error(`opening breakouts failed: ${opened ? opened.error.message : 'dropped'}`);
  moderator.disconnect();

  // The burst: every client votes for `writesPerClient` questions, one after another, with short pauses.
  const total = clients.length * writesPerClient;
  const acked: Array<{ userId: string; questionId: string }> = [];
  const failed: RecoveryReport['failed'] = [];
  let crash: Promise<void> | undefined;
  let ackedBeforeKill = 0;
  const crashed = () => {
    crash ??= (async () => {
      killedAt = now();
      ackedBeforeKill = acked.length;
      for (const c of clients) c.pendingAtKill = new Set(c.pending);
      await server.kill();
      server = held.server = await options.start();
      readyAt = now();
    })();
  };
  const votes = clients.map(async (c, k) => {
    for (let j = 0; j < writesPerClient; j++) {
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 200));
      const questionId = questionIds[(k + j) % questionIds.length]!;
      const mutationId = randomUUID();
      c.pending.add(mutationId);
      const dropsBefore = killedAt;
      const answer = await mutateOn(c.socket, 'qa:vote', { mutationId, questionId, voted: true });
      c.pending.delete(mutationId);
      if (c.pendingAtKill.delete(mutationId)) c.lastPendingAckAt = now();
      if (dropsBefore === 0 && killedAt !== 0) stats.retriedAfterDrop++;
      if (answer.ok) {
        acked.push({ userId: c.userId, questionId });
        // As the page does with a vote's answer: the own vote, and the count if newer.
        c.votedSinceJoin.set(questionId, answer.data.voted);
        if (answer.data.voted) c.myVotes.add(questionId);
        else c.myVotes.delete(questionId);
        applyQuestion(c, { id: questionId, rev: answer.data.rev, voteCount: answer.data.voteCount });
      }
      else {
        failed.push({ code: answer.error.code, message: answer.error.message });
        if (answer.error.code === 'internal') c.unsure = true;
      }
      if (!crash && acked.length >= total * (options.killAt ?? 0.4)) crashed();
    }
  });
  await Promise.all(votes);
  await crash;
  // A vote that never got its answer may or may not have been applied: its client joins again to learn it (as the Q&A page does).
  await Promise.all(clients.filter((c) => c.unsure).map((c) => join(c)));

  // Every client back: re-joined after the restart, nothing from before the crash still pending.
  const settleBy = Date.now() + (options.settleMs ?? 60_000);
  while (clients.some((c) => c.joinedAt === null || c.pendingAtKill.size) && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 50));
  const recoverMs = clients.filter((c) => c.joinedAt !== null).map((c) => Math.max(c.joinedAt!, c.lastPendingAckAt) - readyAt);

  // The database after the crash: acknowledged votes, counters, assignments.
  const d = await db();
  const voteRows = await d.select().from(qaVotes).where(inArray(qaVotes.questionId, questionIds));
  const stored = new Set(voteRows.map((v) => `${v.userId}:${v.questionId}`));
  const lostAcked = acked.filter((a) => !stored.has(`${a.userId}:${a.questionId}`)).map((a) => `vote of ${a.userId} for ${a.questionId}`);
  const questions = await d.select().from(qaQuestions).where(inArray(qaQuestions.id, questionIds));
  const miscounted = questions.filter((q) => q.voteCount !== voteRows.filter((v) => v.questionId === q.id).length).map((q) => q.id);
  const runId = opened.data.id;
  const rooms = new Map(
    (await d.select().from(breakoutAssignments).where(and(eq(breakoutAssignments.runId, runId), inArray(breakoutAssignments.userId, clients.map((c) => c.userId))))).map((a) => [
      a.userId,
      a.roomId,
    ]),
  );

  // Each client's mirror must come to equal the database (a notice may still be on its way: wait for it, within bounds).
  const wrong = (c: Client): string | null => {
    if (c.joinedAt === null) return 'not re-joined';
    const mine = new Set(voteRows.filter((v) => v.userId === c.userId).map((v) => v.questionId));
    if (mine.size !== c.myVotes.size || [...mine].some((id) => !c.myVotes.has(id))) return 'own votes differ';
    for (const q of questions) {
      const held = c.questions.get(q.id);
      if (!held || held.rev !== q.rev || held.voteCount !== q.voteCount) return `question ${q.id}: holds ${held ? `${held.voteCount} votes at rev ${held.rev}` : 'nothing'}, server ${q.voteCount} at rev ${q.rev}`;
    }
    if (c.room !== (rooms.get(c.userId) ?? null)) return `breakout room ${c.room}, assigned ${rooms.get(c.userId)}`;
    return null;
  };
  while (clients.some((c) => wrong(c)) && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 100));
  const inconsistent = clients.flatMap((c) => {
    const why = wrong(c);
    return why ? [`${c.userId}: ${why}`] : [];
  });

  for (const c of clients) c.socket.disconnect();
  await server.stop();
  return {
    clients: clients.length,
    writes: total,
    acked: acked.length,
    ackedBeforeKill,
    lostAcked,
    miscounted,
    failed,
    inconsistent,
    retriedAfterDrop: stats.retriedAfterDrop,
    timedOut: stats.timedOut,
    downMs: readyAt - killedAt,
    recoverMs,
    deltaJoins: stats.deltaJoins,
  };
}

export const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};

/**
 * Starts bench/restart-recovery-server.ts on `port` as a child process (the environment is inherited:
 * the same database and secret). Every call starts a new process on the same port.
 */
export function serverOnPort(port: number, env: Record<string, string> = {}): () => Promise<ServerProcess> {
  return async () => {
    const { fork } = await import('node:child_process');
    const child = fork('bench/restart-recovery-server.ts', [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BALAI_SEED_DEMO: '0', MEDIASOUP_WORKERS: '1', ...env, BENCH_PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      child.on('message', (m: { type?: string; url?: string }) => m.type === 'ready' && resolve(m.url!));
      void exited.then(() => reject(new Error('the server process exited before it was ready')));
    });
    return {
      url,
      kill: async () => {
        child.kill('SIGKILL');
        await exited;
      },
      stop: async () => {
        child.send({ type: 'stop' });
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  };
}

/** A port nobody listens on now (the server takes it, and takes it again after the crash). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
