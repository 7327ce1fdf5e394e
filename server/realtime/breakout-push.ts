import { closeStays, openStays } from '../../lib/db/queries/breakout-attendance';
import { placementsFor, type Placement, type Visit } from '../../lib/services/breakout-state';
import { liveKeyOf } from '../../lib/services/breakouts';
import { closeLiveRoom, liveRoomsOfSession, moveUsersToLiveRooms } from '../sfu/rooms';
import type { SocketPlace } from './breakout-channels';
import { rooms } from '../../lib/realtime/rooms';
import type { BalaiServer, BalaiSocket } from './handler';

/**
 * Breakouts are pushed, not pulled. When a session's rooms change (open, move,
 * choose, extend, close, a late joiner placed), every process computes the
 * state of each socket it holds in the session from one snapshot (a handful
 * of queries, whatever the number of people), moves those sockets between
 * room channels, announces the run once to the session's channel
 * (`breakout:run-changed`) and sends each socket its own room
 * (`breakout:placed`), writes the
 * attendance stays that began or ended in one statement each, and moves the
 * media of the people it hosts. No browser asks back. `breakout:sync` remains
 * for a socket that (re)joins.
 *
 * Across processes the change travels as one inter-server message through the
 * Socket.IO adapter (Redis); each process then does its own sockets.
 */

export interface PushDeps {
  io: BalaiServer;
  /** Other processes share the adapter (Redis): tell them too. */
  clustered: boolean;
  /** Socket id → where it sits (the live state's map, shared with sync and disconnect). */
  places: Map<string, SocketPlace>;
  visitOf(sessionId: string, userId: string): Visit | undefined;
  /** The rooms of the session's run are now these: visits to any other room are over. */
  keepVisitsIn(sessionId: string, roomIds: ReadonlySet<string>): void;
  notifyControl(runId: string): void;
}

/** What this process last pushed for a session: the media resolver answers from it while it is fresh. */
export interface CachedPlacement {
  runId: string | undefined;
  /** The run's revision it reflects (a sync may have taught it a newer one). */
  rev: number;
  assignment: Map<string, string>;
  roomIds: ReadonlySet<string>;
  at: number;
}

interface Queue {
  running: boolean;
  /** The next push: everyone, or only these people (a moderator's visit). */
  pending: Set<string> | 'all' | null;
  waiters: Array<() => void>;
}

const PUSH_EVENT = 'breakout:push';
/** The resolver trusts a push this long; after that it reads the database (a lost message cannot strand anyone). */
const PLACEMENT_FRESH_MS = 10_000;

const KEY = Symbol.for('balai.breakouts.push');
interface PushState {
  deps?: PushDeps;
  listener?: (body: unknown) => void;
  queues: Map<string, Queue>;
  generations: Map<string, number>;
  placements: Map<string, CachedPlacement>;
}
const holder = globalThis as { [KEY]?: PushState };
const state = (): PushState => (holder[KEY] ??= { queues: new Map(), generations: new Map(), placements: new Map() });

export function startPushes(deps: PushDeps): void {
  stopPushes();
  const s = state();
  s.deps = deps;
  if (!deps.clustered) return;
  s.listener = (body: unknown) => {
    const sessionId = (body as { sessionId?: unknown } | null)?.sessionId;
    if (typeof sessionId === 'string') void pushTo(sessionId);
  };
  // Inter-server events are not part of the browser contract; the server's typings know none.
  (deps.io.on as unknown as (event: string, listener: (body: unknown) => void) => void)(PUSH_EVENT, s.listener);
}

export function stopPushes(): void {
  const s = state();
  if (s.deps && s.listener) (s.deps.io.off as unknown as (event: string, listener: (body: unknown) => void) => void)(PUSH_EVENT, s.listener);
  s.deps = undefined;
  s.listener = undefined;
  s.queues.clear();
  s.placements.clear();
}

/**
 * The rooms of a session changed: every process pushes to its sockets.
 * Resolves once this process's sockets have been told (the others follow on
 * their own), so a request's ack comes after its own pushes.
 */
export function announce(sessionId: string): Promise<void> {
  const deps = state().deps;
  if (deps?.clustered) (deps.io.serverSideEmit as unknown as (event: string, body: unknown) => void)(PUSH_EVENT, { sessionId });
  return pushTo(sessionId);
}

/**
 * Counts the pushes asked for a session in this process. A sync compares it
 * before and after reading the database: if a push was asked meanwhile, the
 * sync's answer may predate it and is computed again (the push itself may
 * have missed the socket, which was not in the session channel yet).
 */
export function pushGeneration(sessionId: string): number {
  return state().generations.get(sessionId) ?? 0;
}

export function cachedPlacement(sessionId: string): CachedPlacement | undefined {
  const cached = state().placements.get(sessionId);
  return cached && Date.now() - cached.at < PLACEMENT_FRESH_MS ? cached : undefined;
}

/**
 * A sync read one person's room from the database (or placed a late joiner):
 * the cached placement learns it, or is dropped if it is of another run.
 */
export function notePlacement(sessionId: string, run: { id: string; rev: number } | undefined, userId: string, roomId: string | undefined): void {
  const s = state();
  const cached = s.placements.get(sessionId);
  if (!cached) return;
  if (cached.runId !== run?.id || !run) return void s.placements.delete(sessionId);
  cached.rev = Math.max(cached.rev, run.rev);
  if (roomId) cached.assignment.set(userId, roomId);
  else cached.assignment.delete(userId);
}

/**
 * Pushes to this process's sockets of the session (or of these people only).
 * Pushes of one session run one at a time; those asked meanwhile are merged
 * into one that starts after (it reads the newest state, so nothing is lost
 * and 500 late joiners do not mean 500 pushes).
 */
export function pushTo(sessionId: string, userIds?: string[]): Promise<void> {
  const s = state();
  s.generations.set(sessionId, pushGeneration(sessionId) + 1);
  let q = s.queues.get(sessionId);
  if (!q) s.queues.set(sessionId, (q = { running: false, pending: null, waiters: [] }));
  if (!userIds || q.pending === 'all') q.pending = 'all';
  else q.pending = new Set([...(q.pending ?? []), ...userIds]);
  const done = new Promise<void>((resolve) => q.waiters.push(resolve));
  drain(sessionId, q);
  return done;
}

function drain(sessionId: string, q: Queue): void {
  if (q.running || !q.pending) return;
  const only = q.pending;
  const waiters = q.waiters;
  q.pending = null;
  q.waiters = [];
  q.running = true;
  void push(sessionId, only)
    .catch((err: unknown) => console.error('[breakouts] push failed', err))
    .finally(() => {
      q.running = false;
      for (const w of waiters) w();
      if (q.pending) drain(sessionId, q);
      else if (state().queues.get(sessionId) === q) state().queues.delete(sessionId);
    });
}

async function push(sessionId: string, only: Set<string> | 'all'): Promise<void> {
  const s = state();
  const deps = s.deps;
  if (!deps) return;
  const { io, places } = deps;
  const wanted = (userId: string) => only === 'all' || only.has(userId);
  const sockets: BalaiSocket[] = [];
  for (const id of io.of('/').adapter.rooms.get(rooms.breakouts.session(sessionId)) ?? []) {
    const socket = io.sockets.sockets.get(id);
    if (socket?.data.userId && wanted(socket.data.userId)) sockets.push(socket);
  }
  // People with media here may not have the breakouts panel open (a phone in the hall): they move too.
  const mediaKeys = new Map<string, Set<string>>();
  for (const room of liveRoomsOfSession(sessionId)) {
    for (const peer of room.peers.values()) if (wanted(peer.userId)) mediaKeys.set(peer.userId, (mediaKeys.get(peer.userId) ?? new Set()).add(room.key));
  }
  if (!sockets.length && !mediaKeys.size) {
    // Nobody of this session here: whatever this process knew of it may be old now.
    if (only === 'all') s.placements.delete(sessionId);
    return;
  }

  const before = s.placements.get(sessionId);
  const { run, view, assignment, roomIds, byUser } = await placementsFor(sessionId, [...new Set(sockets.map((x) => x.data.userId))], (userId) =>
    deps.visitOf(sessionId, userId),
  );
  const runRooms = new Set(roomIds);
  // A sync may have taught the cache a newer revision of this run meanwhile; the push that revision asked for will follow.
  const known = s.placements.get(sessionId);
  if (!(known && run && known.runId === run.id && known.rev > run.rev)) {
    s.placements.set(sessionId, { runId: run?.id, rev: run?.rev ?? 0, assignment: new Map(assignment), roomIds: runRooms, at: Date.now() });
  }
  if (only === 'all') deps.keepVisitsIn(sessionId, runRooms);

  // Channels first (so the room's chat and notes reach whoever is told), then the news, then the stays that began or ended.
  const entered: Array<{ runId: string; roomId: string; userId: string; visitor: boolean }> = [];
  const leaving: SocketPlace[] = [];
  const told: BalaiSocket[] = [];
  // Sockets that are told the same place (same room, same standing in it) are told with one message, encoded once.
  const sameNews = new Map<string, { placement: Placement; socketIds: string[] }>();
  // Joining and leaving channels is in memory (the adapter's rooms of this process): waited for once, not per socket.
  const moves: Array<Promise<void> | void> = [];
  for (const socket of sockets) {
    const placement = byUser.get(socket.data.userId);
    if (!placement) continue;
    const was = places.get(socket.id);
    if (was?.roomId && was.roomId !== placement.roomId) {
      moves.push(socket.leave(rooms.breakouts.room(was.roomId)));
      leaving.push(was);
    }
    if (run && placement.roomId && was?.roomId !== placement.roomId) {
      moves.push(socket.join(rooms.breakouts.room(placement.roomId)));
      entered.push({ runId: run.id, roomId: placement.roomId, userId: socket.data.userId, visitor: placement.visiting });
    }
    places.set(socket.id, { sessionId, userId: socket.data.userId, runId: run?.id, roomId: placement.roomId, visitor: placement.visiting });
    told.push(socket);
    const { canManage, room } = placement;
    const key = `${canManage}:${room?.id}:${room?.visiting}:${room?.table}`;
    const news = sameNews.get(key);
    if (news) news.socketIds.push(socket.id);
    else sameNews.set(key, { placement, socketIds: [socket.id] });
  }
  await Promise.all(moves);
  // A stay ends when the person's last tab here has left the room.
  const stillIn = new Set([...places.values()].flatMap((p) => (p.roomId ? [`${p.userId}:${p.roomId}`] : [])));
  const ended = new Map<string, { roomId: string; userId: string }>();
  for (const p of leaving) if (p.roomId && !stillIn.has(`${p.userId}:${p.roomId}`)) ended.set(`${p.userId}:${p.roomId}`, { roomId: p.roomId, userId: p.userId });
  // Recorded while told, in one statement each: the request that changed the rooms is acknowledged
  // only once both are done (its handler awaits this push). The statements leave first (a turn of the
  // event loop sends them), so the database writes while this process tells hundreds of sockets and
  // reads their traffic, instead of after. Settled, not rejected, while nobody waits for it yet; a failure is thrown below.
  const recorded = Promise.allSettled([closeStays([...ended.values()]), openStays(entered)]);
  await new Promise<void>((resolve) => setImmediate(resolve));
  // The run once for the channel (encoded once for everyone), then each socket's own place in it (small).
  const announced = { sessionId, serverNow: new Date().toISOString(), run: view };
  if (only === 'all') io.local.to(rooms.breakouts.session(sessionId)).emit('breakout:run-changed', announced);
  else for (const socket of told) socket.emit('breakout:run-changed', announced);
  // Every socket is in the room named by its id: one broadcast per kind of news reaches exactly its sockets.
  for (const { placement, socketIds } of sameNews.values()) {
    io.local.to(socketIds).emit('breakout:placed', { sessionId, runId: run?.id ?? null, rev: run?.rev ?? null, canManage: placement.canManage, room: placement.room });
  }
  for (const written of await recorded) if (written.status === 'rejected') throw written.reason;
  const runIds = new Set([run?.id, ...leaving.map((p) => p.runId)].filter((id): id is string => Boolean(id)));
  if (entered.length || ended.size) for (const id of runIds) deps.notifyControl(id);

  // Media follows, from the same placement: only people whose media sits in the wrong room are moved, all in one pass.
  const misplaced: string[] = [];
  for (const [userId, keys] of mediaKeys) {
    const roomId = deps.visitOf(sessionId, userId)?.roomId ?? assignment.get(userId);
    const expected = roomId && runRooms.has(roomId) ? liveKeyOf(roomId) : undefined;
    if ([...keys].some((key) => (expected ? key !== expected : key.startsWith(liveKeyOf(''))))) misplaced.push(userId);
  }
  await moveUsersToLiveRooms(sessionId, misplaced, false);
  if (only !== 'all') return;
  // Rooms of an ended run still held here (an interpreter's media, say) close; their peers re-join where the resolvers say.
  const stale = new Set([...(before?.roomIds ?? [])].filter((id) => !runRooms.has(id)).map(liveKeyOf));
  for (const room of liveRoomsOfSession(sessionId)) if (room.key.startsWith(liveKeyOf('')) && !runRooms.has(room.key.slice(liveKeyOf('').length))) stale.add(room.key);
  for (const key of stale) await closeLiveRoom(key, false);
}
