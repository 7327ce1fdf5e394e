// Breakout moves, shared by the benchmark (bench/breakout-move.ts) and its CI-sized test
// (tests/integration/bench/breakout-move.test.ts). N clients of one session are split into rooms
// (`breakout:open`, balanced) and sent back (`breakout:close` without warning), round after round;
// each move is timed from the request until every client has been pushed its new place. In the same
// run, the floor: a bare Socket.IO server telling each socket its room and joining it on request.
// Every round is then checked against the database, outside the timed windows: the benchmark's
// numbers mean nothing if the clients were told the wrong thing.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { Ack } from '../lib/contracts/define';
import type { BreakoutPlaced } from '../lib/contracts/breakouts';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/contracts/realtime';
import { assignmentsOf, findRun, roomsOf } from '../lib/db/queries/breakouts';
import { openStaysOf } from '../lib/db/queries/breakout-attendance';

export interface MoveUser {
  userId: string;
  cookie: string;
}

export interface BreakoutMoveOptions {
  url: string;
  sessionId: string;
  /** Opens and closes the rooms (a moderator or the organizer of the event). */
  moderator: MoveUser;
  /** Members of the event with the participant role: the run places every one of them. */
  participants: MoveUser[];
  /** Presenters and moderators present in the session: the run must leave them in the main room. */
  staff?: MoveUser[];
  rooms: number;
  rounds: number;
  /** How long a request, or every client's news, may take before it counts as lost (a correctness bound, not a timing). */
  settleMs?: number;
}

export interface BreakoutMoveReport {
  clients: number;
  rooms: number;
  rounds: number;
  /** Per round that completed (ms): request sent → every client pushed its room / "no room". */
  open: number[];
  close: number[];
  /** Per round (ms): the bare server's assignment / return → every socket's join / leave acknowledged. */
  bareOpen: number[];
  bareClose: number[];
  /** Requests refused or unanswered (sync, open, close). */
  refused: string[];
  /** After open: clients not told a room, or told another one (or other members) than the database holds. */
  misplaced: string[];
  /** The database's split breaks the balanced rules: a participant placed twice or never, room sizes or a country's spread more than one apart. */
  unbalanced: string[];
  /** Staff (or the opener) given a room by the run, or never told the run opened. */
  staffPlaced: string[];
  /** After close: clients not told they are back in the main room, a run not closed. */
  notBack: string[];
  /** Attendance stays that disagree with the rooms: after open one open stay per participant in their room, after close none. */
  stays: string[];
  /** Bare baseline: joins or leaves not acknowledged, sockets not in the room they were told. */
  bareFailures: string[];
}

/** Everything the report says went wrong, one line each: none in a run whose figures count. */
export const correctnessErrors = (r: BreakoutMoveReport): string[] => [
  ...r.refused,
  ...r.misplaced,
  ...r.unbalanced,
  ...r.staffPlaced,
  ...r.notBack,
  ...r.stays,
  ...r.bareFailures,
];

type MoveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Client {
  userId: string;
  socket: MoveSocket;
  /** The last `breakout:placed` pushed to it. */
  last: BreakoutPlaced | null;
}

const connect = (url: string, extraHeaders: Record<string, string> = {}) =>
  new Promise<MoveSocket>((resolve, reject) => {
    const s: MoveSocket = connectClient(url, { path: '/socket.io', transports: ['websocket'], extraHeaders, reconnection: false, forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
const request = (s: MoveSocket, name: string, payload: unknown, timeoutMs: number) =>
  (s.timeout(timeoutMs).emitWithAck as unknown as (n: string, p: unknown) => Promise<Ack<unknown>>)(name, payload).catch(
    (err: unknown): Ack<unknown> => ({ ok: false, error: { code: 'internal', message: `no answer: ${err instanceof Error ? err.message : String(err)}` } }),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `problems` until it finds none or `deadline` passes; answers what it found last. */
async function settled(problems: () => Promise<string[]>, deadline: number): Promise<string[]> {
  for (;;) {
    const found = await problems();
    if (!found.length || Date.now() > deadline) return found;
    await sleep(100);
  }
}

const spread = (counts: number[]) => Math.max(...counts) - Math.min(...counts);

export async function runBreakoutMove(o: BreakoutMoveOptions): Promise<BreakoutMoveReport> {
  const settleMs = o.settleMs ?? 60_000;
  const report: BreakoutMoveReport = {
    clients: o.participants.length,
    rooms: o.rooms,
    rounds: o.rounds,
    open: [],
    close: [],
    bareOpen: [],
    bareClose: [],
    refused: [],
    misplaced: [],
    unbalanced: [],
    staffPlaced: [],
    notBack: [],
    stays: [],
    bareFailures: [],
  };
  const track = (userId: string, socket: MoveSocket): Client => {
    const c: Client = { userId, socket, last: null };
    socket.on('breakout:placed', (p) => (c.last = p));
    return c;
  };

  // Connect in batches: a real event's clients arrive over minutes, not in one tick.
  const clients: Client[] = [];
  for (let i = 0; i < o.participants.length; i += 50) {
    clients.push(...(await Promise.all(o.participants.slice(i, i + 50).map(async (p) => track(p.userId, await connect(o.url, { cookie: p.cookie }))))));
  }
  const staff = await Promise.all((o.staff ?? []).map(async (p) => track(p.userId, await connect(o.url, { cookie: p.cookie }))));
  const moderator = await connect(o.url, { cookie: o.moderator.cookie });
  const bareHttp = createServer();
  const bare = new Server(bareHttp, { path: '/socket.io' });
  const bareClients: MoveSocket[] = [];
  try {
    const synced = [...clients, ...staff];
    for (let i = 0; i < synced.length; i += 50) {
      await Promise.all(
        synced.slice(i, i + 50).map(async (c) => {
          const ack = await request(c.socket, 'breakout:sync', { sessionId: o.sessionId }, settleMs);
          if (!ack.ok) report.refused.push(`breakout:sync of ${c.userId}: ${ack.error.code} ${ack.error.message}`);
        }),
      );
    }
    if (report.refused.length) return report;

    /** Each client is pushed its own state (`breakout:placed`); it counts once its room is what we wait for. Answers those never told. */
    const waitForAll = (want: 'room' | 'none'): Promise<Client[]> => {
      const waiting = new Set(clients);
      return new Promise((resolve) => {
        const offs: Array<() => void> = [];
        const finish = () => {
          clearTimeout(timer);
          offs.forEach((off) => off());
          resolve([...waiting]);
        };
        const timer = setTimeout(finish, settleMs);
        for (const c of clients) {
          const onPlaced = (state: BreakoutPlaced) => {
            if ((want === 'room') !== (state.room !== null)) return; // an intermediate push; the next one will do
            c.socket.off('breakout:placed', onPlaced);
            waiting.delete(c);
            if (!waiting.size) finish();
          };
          c.socket.on('breakout:placed', onPlaced);
          offs.push(() => c.socket.off('breakout:placed', onPlaced));
        }
        if (!clients.length) finish();
      });
    };

    for (let round = 0; round < o.rounds; round++) {
      const inRooms = waitForAll('room');
      const t0 = performance.now();
      const opened = await request(
        moderator,
        'breakout:open',
        {
          sessionId: o.sessionId,
          runId: randomUUID(),
          mode: 'balanced',
          rooms: Array.from({ length: o.rooms }, (_, i) => ({ name: `Room ${i + 1}` })),
          durationMinutes: 30,
          seed: `bench-${round}`,
        },
        settleMs,
      );
      if (!opened.ok) {
        report.refused.push(`round ${round + 1} breakout:open: ${opened.error.code} ${opened.error.message}`);
        break;
      }
      const untold = await inRooms;
      const openMs = performance.now() - t0;
      const runId = (opened.data as { id: string }).id;
      for (const c of untold) report.misplaced.push(`round ${round + 1}: ${c.userId} never told a room`);
      await checkOpened(o, runId, round, clients, staff, Date.now() + settleMs, report);

      const back = waitForAll('none');
      const t1 = performance.now();
      const closed = await request(moderator, 'breakout:close', { runId, warningSeconds: 0 }, settleMs);
      if (!closed.ok) {
        report.refused.push(`round ${round + 1} breakout:close: ${closed.error.code} ${closed.error.message}`);
        break;
      }
      const notBack = await back;
      const closeMs = performance.now() - t1;
      for (const c of notBack) report.notBack.push(`round ${round + 1}: ${c.userId} never told the main room`);
      await checkClosed(runId, round, clients, Date.now() + settleMs, report);
      if (untold.length || notBack.length) break;
      report.open.push(openMs);
      report.close.push(closeMs);
    }

    // Baseline: bare Socket.IO, same process, same number of clients, same rooms; no auth, no database.
    bare.on('connection', (socket) => {
      socket.on('join', async (room: string, ack: (r: Ack<unknown>) => void) => {
        for (const r of socket.rooms) if (r !== socket.id) await socket.leave(r);
        await socket.join(room);
        ack({ ok: true, data: { room } });
      });
      socket.on('leave', async (ack: (r: Ack<unknown>) => void) => {
        for (const r of socket.rooms) if (r !== socket.id) await socket.leave(r);
        ack({ ok: true, data: {} });
      });
    });
    await new Promise<void>((r) => bareHttp.listen(0, '127.0.0.1', () => r()));
    const bareUrl = `http://127.0.0.1:${(bareHttp.address() as { port: number }).port}`;
    const n = o.participants.length;
    for (let i = 0; i < n; i += 50) bareClients.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => connect(bareUrl)))));
    const bareSockets = [...bare.sockets.sockets.values()];
    const bareRoom = (i: number) => `room-${i % o.rooms}`;

    /** Every socket told at once; resolves when each has its join (or leave) acknowledged, or failed, or the settle time is over. */
    const bareRun = (event: 'assigned' | 'returned', round: number) =>
      new Promise<void>((resolve) => {
        let done = 0;
        const timer = setTimeout(() => {
          report.bareFailures.push(`round ${round + 1} ${event}: ${bareClients.length - done} sockets never answered`);
          resolve();
        }, settleMs);
        const oneDone = () => {
          if (++done !== bareClients.length) return;
          clearTimeout(timer);
          resolve();
        };
        for (const c of bareClients) {
          const untyped = c as unknown as Socket;
          untyped.once(event, async (room?: string) => {
            const ack = (await (event === 'assigned' ? untyped.timeout(settleMs).emitWithAck('join', room) : untyped.timeout(settleMs).emitWithAck('leave')).catch(
              () => ({ ok: false }),
            )) as { ok: boolean };
            if (!ack.ok) report.bareFailures.push(`round ${round + 1} ${event}: a ${event === 'assigned' ? 'join' : 'leave'} was not acknowledged`);
            oneDone();
          });
        }
        if (event === 'assigned') bareSockets.forEach((s, i) => s.emit('assigned', bareRoom(i)));
        else bare.emit('returned');
      });
    const bareWhere = (round: number, expected: (i: number) => string | null) =>
      bareSockets.forEach((s, i) => {
        const rooms = [...s.rooms].filter((r) => r !== s.id);
        const want = expected(i);
        if (rooms.length !== (want ? 1 : 0) || (want && rooms[0] !== want)) report.bareFailures.push(`round ${round + 1}: bare socket ${i} in [${rooms.join(', ')}], told ${want ?? 'none'}`);
      });
    for (let round = 0; round < o.rounds; round++) {
      const t0 = performance.now();
      await bareRun('assigned', round);
      report.bareOpen.push(performance.now() - t0);
      bareWhere(round, bareRoom);
      const t1 = performance.now();
      await bareRun('returned', round);
      report.bareClose.push(performance.now() - t1);
      bareWhere(round, () => null);
    }
    return report;
  } finally {
    for (const c of [...clients, ...staff]) c.socket.disconnect();
    for (const s of [moderator, ...bareClients]) s.disconnect();
    await new Promise<void>((res) => bare.close(() => res()));
  }
}

/**
 * After open: the database's split is the balanced one over the participants, each client was told
 * the room (and roommates) the database holds, staff and the opener stay in the main room, and each
 * participant has one open stay, in their room.
 */
async function checkOpened(o: BreakoutMoveOptions, runId: string, round: number, clients: Client[], staff: Client[], deadline: number, report: BreakoutMoveReport) {
  const tag = `round ${round + 1}`;
  const run = await findRun(runId);
  if (!run) {
    report.unbalanced.push(`${tag}: run ${runId} not in the database`);
    return;
  }
  const [rooms, assignments] = await Promise.all([roomsOf(runId), assignmentsOf(run)]);
  const roomOf = new Map<string, string>();
  for (const a of assignments) {
    if (roomOf.has(a.userId)) report.unbalanced.push(`${tag}: ${a.userId} assigned twice`);
    roomOf.set(a.userId, a.roomId);
  }
  const participantIds = new Set(clients.map((c) => c.userId));
  for (const c of clients) if (!roomOf.has(c.userId)) report.unbalanced.push(`${tag}: participant ${c.userId} not assigned`);
  const staffIds = new Set([...staff.map((s) => s.userId), o.moderator.userId]);
  for (const a of assignments) {
    if (staffIds.has(a.userId)) report.staffPlaced.push(`${tag}: staff ${a.userId} assigned to ${a.roomId}`);
    else if (!participantIds.has(a.userId)) report.unbalanced.push(`${tag}: ${a.userId} assigned but not one of the participants`);
  }
  if (rooms.length !== o.rooms) report.unbalanced.push(`${tag}: ${rooms.length} rooms, asked for ${o.rooms}`);
  const sizes = rooms.map((r) => assignments.filter((a) => a.roomId === r.id).length);
  if (rooms.length && spread(sizes) > 1) report.unbalanced.push(`${tag}: room sizes ${sizes.join(', ')}`);
  for (const country of new Set(assignments.map((a) => a.country))) {
    const counts = rooms.map((r) => assignments.filter((a) => a.roomId === r.id && a.country === country).length);
    if (rooms.length && spread(counts) > 1) report.unbalanced.push(`${tag}: country ${country ?? 'unknown'} spread ${counts.join(', ')}`);
  }

  const membersOf = new Map(rooms.map((r) => [r.id, assignments.filter((a) => a.roomId === r.id).map((a) => a.userId).sort().join(',')]));
  for (const c of clients) {
    const want = roomOf.get(c.userId);
    const told = c.last;
    if (!want || !told?.room) continue; // reported above: not assigned, or never told
    if (told.runId !== runId) report.misplaced.push(`${tag}: ${c.userId} told run ${told.runId}, opened ${runId}`);
    else if (told.room.id !== want) report.misplaced.push(`${tag}: ${c.userId} told room ${told.room.id}, assigned ${want}`);
    else if (told.room.visiting) report.misplaced.push(`${tag}: ${c.userId} told it visits its own room`);
    else if (told.room.members.map((m) => m.userId).sort().join(',') !== membersOf.get(want)) report.misplaced.push(`${tag}: ${c.userId} told other roommates than the database's`);
  }
  // Staff are told the run opened (their push names it) and that they have no room.
  const staffTold = await settled(async () => staff.filter((s) => s.last?.runId !== runId).map((s) => `${tag}: staff ${s.userId} never told the run opened`), deadline);
  report.staffPlaced.push(...staffTold);
  for (const s of staff) if (s.last?.runId === runId && s.last.room) report.staffPlaced.push(`${tag}: staff ${s.userId} told room ${s.last.room.id}`);

  const expected = new Set(assignments.map((a) => `${a.userId}:${a.roomId}`));
  report.stays.push(
    ...(await settled(async () => {
      const open = (await openStaysOf(runId)).map((s) => `${s.userId}:${s.roomId}`);
      const extra = open.filter((k) => !expected.has(k));
      const missing = [...expected].filter((k) => !open.includes(k));
      const twice = open.length - new Set(open).size;
      return [
        ...extra.map((k) => `${tag}: open stay ${k} not an assignment`),
        ...missing.map((k) => `${tag}: no open stay for ${k}`),
        ...(twice ? [`${tag}: ${twice} stays open twice`] : []),
      ];
    }, deadline)),
  );
}

/** After close: the run is closed, every client's last news is the main room, and no stay of the run is open. */
async function checkClosed(runId: string, round: number, clients: Client[], deadline: number, report: BreakoutMoveReport) {
  const tag = `round ${round + 1}`;
  const status = (await findRun(runId))?.status;
  if (status !== 'closed') report.notBack.push(`${tag}: run ${runId} is ${status ?? 'gone'} after close`);
  for (const c of clients) if (c.last?.room) report.notBack.push(`${tag}: ${c.userId} last told room ${c.last.room.id}`);
  report.stays.push(...(await settled(async () => (await openStaysOf(runId)).map((s) => `${tag}: stay of ${s.userId} in ${s.roomId} still open after close`), deadline)));
}
