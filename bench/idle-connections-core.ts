// Heap per idle connection, shared by the benchmark (bench/idle-connections.ts) and its CI-sized
// test (tests/integration/bench/idle-connections.test.ts): N Socket.IO clients connected to Balai
// (signed in, and then also joined to a session as its page does) against the same N connected to
// a bare Socket.IO server on the same Node.js, measured in the same run. Each server runs in its own
// process with --expose-gc (bench/idle-connections-server.ts); the heap is read after collecting
// until it settles. Besides the heap, what must be true whatever the size: every client connected,
// every join acknowledged, every client seeing everyone present, and both servers stopping cleanly.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { Peer } from '../lib/contracts/presence';
import { benchCookie } from './session-cookie';

export type ServerKind = 'bare' | 'balai';
/** What the bench asks a server process. */
export type ServerRequest = { type: 'measure' } | { type: 'peers'; sessionId: string } | { type: 'stop' };
/** What a server process answers (and `ready` once it listens). */
export type ServerReply =
  | { type: 'ready'; url: string }
  /** `connections`: sockets connected to the server's namespace when the heap was read. */
  | { type: 'heap'; heap: number; connections: number }
  /** The user ids present in the session, as presence itself reads them (Balai only). */
  | { type: 'peers'; userIds: string[] };

export interface IdleOptions {
  clients: number;
  /** Only connect (skip joining a session): for looking at what a bare connection costs. */
  connectOnly?: boolean;
  /** How long the presence notices may take to reach every client (a correctness bound, not a timing). */
  settleMs?: number;
}

/** How a server process ended: exit code 0 and no signal is a clean stop. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface IdleReport {
  clients: number;
  connectOnly: boolean;
  /** Heap in use (bytes) before the clients and with them connected; `connections` as the server counted them. */
  bare: { before: number; after: number; connections: number; exit: ServerExit };
  /** `joined` is read after the session joins (with `connectOnly`, a second reading without them). */
  balai: { before: number; connected: number; joined: number; connections: number; exit: ServerExit };
  /** Heap per connection (bytes). */
  perConnection: { bare: number; connected: number; joined: number };
  /** Session joins answered with anything but ok: must be none. */
  failedJoins: string[];
  /** Clients whose presence (join answer plus notices) lacks someone who is there: must be none. */
  incompletePresence: string[];
  /** How many of the clients the server itself counts present in the session (null with `connectOnly`). */
  serverPresent: number | null;
}

// What a session page joins on open.
const SESSION_JOINS = ['presence:join', 'qa:join', 'poll:join', 'reaction:join', 'hand:join'] as const;
const BATCH = 50;

interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<ServerExit>;
}

function start(kind: ServerKind): Promise<ServerProcess> {
  const child = fork(path.join(__dirname, 'idle-connections-server.ts'), [kind], { execArgv: ['--expose-gc', '--import', 'tsx'], env: process.env, stdio: 'inherit' });
  const exited = new Promise<ServerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.once('message', (m: ServerReply) => (m.type === 'ready' ? resolve({ child, url: m.url, exited }) : reject(new Error(`${kind} server: ${m.type} before ready`))));
    void exited.then((e) => reject(new Error(`${kind} server exited before it was ready (${e.signal ?? e.code})`)));
  });
}

function ask<T extends ServerReply['type']>(server: ServerProcess, request: ServerRequest, reply: T): Promise<Extract<ServerReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ServerReply) => {
      if (m.type !== reply) return;
      server.child.off('message', onMessage);
      resolve(m as Extract<ServerReply, { type: T }>);
    };
    server.child.on('message', onMessage);
    void server.exited.then((e) => reject(new Error(`server exited (${e.signal ?? e.code}) before answering ${request.type}`)));
    server.child.send(request);
  });
}
const measure = (server: ServerProcess) => ask(server, { type: 'measure' }, 'heap');

/** An orderly stop; a server that does not exit within 30 s is killed, and its exit says so. */
async function stop(server: ServerProcess): Promise<ServerExit> {
  if (server.child.connected) server.child.send({ type: 'stop' } satisfies ServerRequest);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
  const exit = await server.exited;
  clearTimeout(timer);
  return exit;
}

function connect(url: string, cookie?: string): Promise<Socket> {
  const s = connectClient(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
/** Connects in batches, each socket put in `into` as soon as it is up (so a failed run can close it). */
async function connectAll(url: string, cookies: (string | undefined)[], into: Socket[]): Promise<void> {
  for (let i = 0; i < cookies.length; i += BATCH) await Promise.all(cookies.slice(i, i + BATCH).map(async (c) => into.push(await connect(url, c))));
}
type JoinAck = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
const ack = (s: Socket, name: string, payload: unknown) => s.timeout(60_000).emitWithAck(name, payload) as Promise<JoinAck>;

/**
 * Who a client sees present, as the session page keeps it: its join's answer, then the joined and
 * left notices. One flag per participant (by index), so a thousand clients seeing a thousand
 * people stay small in the bench process.
 */
class PresenceMirror {
  private readonly seen: Uint8Array;
  size = 0;
  constructor(private readonly index: ReadonlyMap<string, number>) {
    this.seen = new Uint8Array(index.size);
  }
  set(userId: string, present: boolean): void {
    const i = this.index.get(userId);
    if (i === undefined || !!this.seen[i] === present) return;
    this.seen[i] = present ? 1 : 0;
    this.size += present ? 1 : -1;
  }
  watch(s: Socket): void {
    s.on('presence:joined', (n: { peer: Peer }) => this.set(n.peer.userId, true));
    s.on('presence:left', (n: { userId: string }) => this.set(n.userId, false));
  }
}

export async function runIdleConnections(options: IdleOptions): Promise<IdleReport> {
  const N = options.clients;
  const running = new Set<ServerProcess>();
  const sockets: Socket[] = [];
  try {
    // Bare Socket.IO first.
    const bare = await start('bare');
    running.add(bare);
    const bareBefore = await measure(bare);
    await connectAll(bare.url, Array.from({ length: N }, () => undefined), sockets);
    const bareAfter = await measure(bare);
    sockets.splice(0).forEach((s) => s.disconnect());
    const bareExit = await stop(bare);
    running.delete(bare);

    // Balai: N members of one event, signed in. It starts first: it migrates the database the scene is written to.
    const balai = await start('balai');
    running.add(balai);
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
    const balaiBefore = await measure(balai);
    await connectAll(balai.url, cookies, sockets);
    const connected = await measure(balai);

    const index = new Map(people.map((p, i) => [p.id, i]));
    const mirrors = sockets.map(() => new PresenceMirror(index));
    const failedJoins: string[] = [];
    if (!options.connectOnly) {
      sockets.forEach((s, i) => mirrors[i]!.watch(s));
      for (let i = 0; i < sockets.length; i += BATCH) {
        await Promise.all(
          sockets.slice(i, i + BATCH).map(async (s, j) => {
            for (const name of SESSION_JOINS) {
              const res = await ack(s, name, { sessionId: session.id });
              if (!res.ok) {
                failedJoins.push(`client ${i + j}: ${name} ${res.error.code} ${res.error.message}`);
                return;
              }
              if (name === 'presence:join') for (const p of (res.data as { peers: Peer[] }).peers) mirrors[i + j]!.set(p.userId, true);
            }
          }),
        );
      }
    }
    const joined = await measure(balai);

    // After the last reading: the presence notices still on their way may arrive, within bounds.
    let incompletePresence: string[] = [];
    let serverPresent: number | null = null;
    if (!options.connectOnly) {
      const settleBy = Date.now() + (options.settleMs ?? 30_000);
      while (mirrors.some((m) => m.size !== N) && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 50));
      incompletePresence = mirrors.flatMap((m, i) => (m.size === N ? [] : [`client ${i} sees ${m.size} of ${N} present`]));
      const present = new Set((await ask(balai, { type: 'peers', sessionId: session.id }, 'peers')).userIds);
      serverPresent = people.filter((p) => present.has(p.id)).length;
    }
    sockets.splice(0).forEach((s) => s.disconnect());
    const balaiExit = await stop(balai);
    running.delete(balai);

    return {
      clients: N,
      connectOnly: !!options.connectOnly,
      bare: { before: bareBefore.heap, after: bareAfter.heap, connections: bareAfter.connections, exit: bareExit },
      balai: { before: balaiBefore.heap, connected: connected.heap, joined: joined.heap, connections: connected.connections, exit: balaiExit },
      perConnection: {
        bare: (bareAfter.heap - bareBefore.heap) / N,
        connected: (connected.heap - balaiBefore.heap) / N,
        joined: (joined.heap - balaiBefore.heap) / N,
      },
      failedJoins,
      incompletePresence,
      serverPresent,
    };
  } finally {
    // A failed run must not leave its clients or server processes behind.
    sockets.forEach((s) => s.disconnect());
    for (const server of running) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
}

/** What the run got wrong (an empty list: nothing); the heap figures are the benchmark's to report. */
export function correctnessErrors(r: IdleReport): string[] {
  const clean = (e: ServerExit) => e.code === 0 && e.signal === null;
  return [
    ...(r.bare.connections === r.clients ? [] : [`the bare server counted ${r.bare.connections} of ${r.clients} clients connected`]),
    ...(r.balai.connections === r.clients ? [] : [`Balai counted ${r.balai.connections} of ${r.clients} clients connected`]),
    ...r.failedJoins,
    ...r.incompletePresence.slice(0, 5),
    ...(r.incompletePresence.length > 5 ? [`and ${r.incompletePresence.length - 5} more clients not seeing everyone`] : []),
    ...(r.connectOnly || r.serverPresent === r.clients ? [] : [`Balai counts ${r.serverPresent} of ${r.clients} clients present in the session`]),
    ...(clean(r.bare.exit) ? [] : [`the bare server did not stop cleanly (${r.bare.exit.signal ?? r.bare.exit.code})`]),
    ...(clean(r.balai.exit) ? [] : [`Balai did not stop cleanly (${r.balai.exit.signal ?? r.balai.exit.code})`]),
  ];
}
