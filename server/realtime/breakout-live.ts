import type { types } from 'mediasoup';
import { activeRun, assignmentOf, findRun, roomsOf, runsNotClosed, type RunRow } from '../../lib/db/queries/breakouts';
import { closeAllStays, closeStay, openStays, openStaysOf } from '../../lib/db/queries/breakout-attendance';
import { finishRun, liveKeyOf, startClosing } from '../../lib/services/breakouts';
import { CLOSE_WARNING_SECONDS } from '../../lib/contracts/breakouts';
import { livePeersOfSession, liveRoomsOfSession, registerLiveRoomResolver } from '../sfu/rooms';
import type { SocketPlace } from './breakout-channels';
import { announce, cachedPlacement, pushTo, startPushes, stopPushes } from './breakout-push';
import type { BalaiServer, BalaiSocket } from './handler';
import { rooms } from '../../lib/realtime/rooms';
import { sharedMap, type SharedMap } from '../cluster/shared-map';
import { socketsEverywhere } from './cluster-sockets';

/**
 * The in-memory side of breakouts: which socket sits in which room channel,
 * moderators' visits, the countdown timers and room activity. Everything that
 * decides access is in the database; this is rebuilt from it at start-up
 * (timers) and when browsers reconnect and sync (channels, visits).
 */

const KEY = Symbol.for('balai.breakouts.live');
interface LiveState {
  io?: BalaiServer;
  places: Map<string, SocketPlace>;
  /**
   * `${sessionId}:${userId}` → the room a moderator is visiting (or is the table laptop of). Shared by every
   * node: the moderator's tabs (and their media) may be on other nodes than the one the visit was asked of.
   */
  visits: SharedMap<{ roomId: string; table: boolean }>;
  timers: Map<string, NodeJS.Timeout>;
  /** Room id → when someone last spoke or wrote there. */
  activity: Map<string, number>;
  speaking: Map<string, string | null>;
  observers: WeakMap<object, { observer: types.AudioLevelObserver; producers: Set<string> }>;
  sampler?: NodeJS.Timeout;
  sweeper?: NodeJS.Timeout;
  unregisterResolver?: () => void;
}
const holder = globalThis as { [KEY]?: LiveState };
const state = (): LiveState => (holder[KEY] ??= newState());

function newState(): LiveState {
  const visits = sharedMap<{ roomId: string; table: boolean }>('breakout-visits');
  // A visit asked of another node: the moderator's tabs held here follow it (channels, what they show, media) from
  // one push. The visit arrives on the media bus, so the push reads it already applied.
  visits.onRemoteChange((key) => {
    const at = key.indexOf(':');
    void pushTo(key.slice(0, at), [key.slice(at + 1)]);
  });
  return { places: new Map(), visits, timers: new Map(), activity: new Map(), speaking: new Map(), observers: new WeakMap() };
}

const visitKey = (sessionId: string, userId: string) => `${sessionId}:${userId}`;
export const visitingRoom = (sessionId: string, userId: string) => state().visits.get(visitKey(sessionId, userId));

function io(): BalaiServer | undefined {
  return state().io;
}

const pendingControl = new Map<string, NodeJS.Timeout>();

/** Tells the control room to refresh, at most a few times a second (500 people entering must not mean 500 refreshes). */
export function notifyControl(runId: string): void {
  if (pendingControl.has(runId)) return;
  pendingControl.set(
    runId,
    setTimeout(() => {
      pendingControl.delete(runId);
      io()?.to(rooms.breakouts.control(runId)).emit('breakout:control-changed', { runId });
    }, 250),
  );
}

export function markActivity(roomId: string, at = Date.now()): void {
  state().activity.set(roomId, at);
}

export function roomActivity(roomId: string): { lastActiveAt: number | undefined; speakingUserId: string | null } {
  return { lastActiveAt: state().activity.get(roomId), speakingUserId: state().speaking.get(roomId) ?? null };
}

type StayRow = Parameters<typeof openStays>[0][number];

/**
 * Stays opened within a few milliseconds go to the database in one statement
 * (everyone enters at once when rooms open); each caller still waits for the
 * commit before its sync is acknowledged.
 */
const stayBatch = (() => {
  let rows: StayRow[] = [];
  let flushing: Promise<void> | null = null;
  const flush = () => {
    const batch = rows;
    rows = [];
    flushing = null;
    return openStays(batch);
  };
  return {
    open(row: StayRow): Promise<void> {
      rows.push(row);
      flushing ??= new Promise<void>((resolve) => setTimeout(resolve, 5)).then(flush);
      return flushing;
    },
  };
})();

/** Puts a socket in the channel of the room it belongs in now (or none), keeping attendance stays in step. */
export async function placeSocket(socket: BalaiSocket, place: SocketPlace): Promise<void> {
  const s = state();
  const before = s.places.get(socket.id);
  await socket.join(rooms.breakouts.session(place.sessionId));
  if (before?.roomId && before.roomId !== place.roomId) await leaveRoomChannel(socket, before);
  if (place.roomId && place.runId && before?.roomId !== place.roomId) {
    await socket.join(rooms.breakouts.room(place.roomId));
    await stayBatch.open({ runId: place.runId, roomId: place.roomId, userId: place.userId, visitor: place.visitor });
    // Entering is not activity: the control room says "nobody has spoken yet" until someone speaks or writes.
    notifyControl(place.runId);
  }
  s.places.set(socket.id, place);
}

async function leaveRoomChannel(socket: BalaiSocket, place: SocketPlace): Promise<void> {
  if (!place.roomId) return;
  await socket.leave(rooms.breakouts.room(place.roomId));
  // A stay ends when the person's last tab leaves the room.
  const stillThere = [...state().places.entries()].some(([id, p]) => id !== socket.id && p.userId === place.userId && p.roomId === place.roomId);
  if (!stillThere) await closeStay(place.roomId, place.userId);
  if (place.runId) notifyControl(place.runId);
}

export async function forgetSocket(socket: BalaiSocket): Promise<void> {
  const place = state().places.get(socket.id);
  if (!place) return;
  await leaveRoomChannel(socket, { ...place });
  state().places.delete(socket.id);
}

export function visitorsIn(sessionId: string, roomId: string): Array<{ userId: string; table: boolean }> {
  const out: Array<{ userId: string; table: boolean }> = [];
  for (const [k, v] of state().visits) if (v.roomId === roomId && k.startsWith(`${sessionId}:`)) out.push({ userId: k.slice(sessionId.length + 1), table: v.table });
  return out;
}

export function setVisit(sessionId: string, userId: string, roomId: string | null, table = false): void {
  if (roomId) state().visits.set(visitKey(sessionId, userId), { roomId, table });
  else state().visits.delete(visitKey(sessionId, userId));
}

/**
 * Who is in the session now: everyone with the session page open (its
 * breakouts channel or its presence room, on any process), and which of them
 * run a hall device there. Opening assigns only people present.
 */
export async function sessionPresence(sessionId: string): Promise<{ present: Set<string>; hallDevices: Set<string> }> {
  const server = io();
  const present = new Set<string>();
  if (server) {
    const sockets = await socketsEverywhere(server, [rooms.breakouts.session(sessionId), rooms.session(sessionId)]);
    for (const s of sockets) if (s.data.userId) present.add(s.data.userId);
  }
  const hallDevices = new Set<string>();
  // Hall devices in the call on any node (the directory of rooms shared between nodes).
  for (const peer of await livePeersOfSession(sessionId)) if (peer.hall) hallDevices.add(peer.userId);
  return { present, hallDevices };
}

/** Who runs a hall device in the session on this process (a sync asks only this: no cluster-wide listing per sync). */
export function hallDevicesOf(sessionId: string): Set<string> {
  const hallDevices = new Set<string>();
  for (const room of liveRoomsOfSession(sessionId)) for (const peer of room.peers.values()) if (peer.hall) hallDevices.add(peer.userId);
  return hallDevices;
}

/** The rooms of a run changed: every process pushes to its sockets (channels, stays, media), and the control room refreshes. */
export async function runChanged(run: RunRow): Promise<void> {
  await announce(run.sessionId);
  notifyControl(run.id);
}

// ---- timers: the server's clock ends the rooms ----

export function schedule(run: RunRow): void {
  const s = state();
  clearTimeout(s.timers.get(run.id));
  s.timers.delete(run.id);
  if (run.status === 'closed') return;
  const at = run.status === 'closing' && run.returnAt ? run.returnAt.getTime() : run.endsAt.getTime();
  // setTimeout's limit is ~24.8 days; breakouts last minutes, but clamp so a far date can't fire at once.
  const delay = Math.min(Math.max(0, at - Date.now()), 2 **31 - 1);
  s.timers.set(
    run.id,
    setTimeout(() => {
      s.timers.delete(run.id);
      void onTimer(run.id).catch((err: unknown) => console.error('[breakouts] timer failed', err));
    }, delay),
  );
}

async function onTimer(runId: string): Promise<void> {
  const run = await findRun(runId);
  if (!run || run.status === 'closed') return;
  const now = Date.now();
  if (run.status === 'open' && run.endsAt.getTime() <= now) {
    // Time is up: the 60-second warning starts by itself.
    const closing = await startClosing(runId, CLOSE_WARNING_SECONDS);
    if (closing) {
      schedule(closing);
      await runChanged(closing);
      return;
    }
  }
  if (run.status === 'closing' && run.returnAt && run.returnAt.getTime() <= now) {
    await completeRun(runId);
    return;
  }
  schedule((await findRun(runId)) ?? run);
}

/** Closes the run (once) and sends everyone back: attendance, then one push for channels and media. */
export async function completeRun(runId: string): Promise<RunRow | undefined> {
  const closed = await finishRun(runId);
  if (!closed) return undefined;
  const s = state();
  clearTimeout(s.timers.get(runId));
  s.timers.delete(runId);
  const [, runRooms] = await Promise.all([closeAllStays(runId), roomsOf(runId)]);
  for (const { id } of runRooms) {
    s.activity.delete(id);
    s.speaking.delete(id);
  }
  // The push finds no active run: every socket leaves its room channel and is told, media returns to the main room.
  await announce(closed.sessionId);
  notifyControl(runId);
  return closed;
}

// ---- media: which live room a user belongs in, and who is speaking ----

async function resolveBreakoutRoom(userId: string, sessionId: string) {
  const visit = visitingRoom(sessionId, userId);
  // Right after a push (everyone's media re-joins at once) the placement it computed answers, with no query.
  // Someone it does not list (not assigned, or placed since) is looked up.
  const pushed = cachedPlacement(sessionId);
  if (pushed) {
    if (!pushed.runId) return null;
    const roomId = visit && pushed.roomIds.has(visit.roomId) ? visit.roomId : pushed.assignment.get(userId);
    if (roomId) return { key: liveKeyOf(roomId), open: true };
  }
  const run = await activeRun(sessionId);
  if (!run) return null;
  const roomId = visit?.roomId ?? (await assignmentOf(run.id, userId));
  return roomId ? { key: liveKeyOf(roomId), open: true } : null;
}

const SILENCE_DB = -60;

/**
 * Watches the audio of breakout live rooms through an AudioLevelObserver on
 * each room's router (the SFU's active speaker observer names a dominant
 * speaker but never reports silence). Runs only while some run is active.
 */
function sampleSpeakers(): void {
  const s = state();
  const sessions = new Set([...s.places.values()].filter((p) => p.runId).map((p) => p.sessionId));
  for (const sessionId of sessions) {
    for (const room of liveRoomsOfSession(sessionId)) {
      if (!room.key.startsWith('breakout:') || room.closed) continue;
      const roomId = room.key.slice('breakout:'.length);
      let entry = s.observers.get(room);
      if (!entry) {
        const pending = { observer: undefined as unknown as types.AudioLevelObserver, producers: new Set<string>() };
        s.observers.set(room, pending);
        void room.router
          .createAudioLevelObserver({ maxEntries: 1, threshold: SILENCE_DB, interval: 800 })
          .then((observer) => {
            pending.observer = observer;
            observer.on('volumes', (volumes) => {
              const peerId = (volumes[0]?.producer.appData as { peerId?: string } | undefined)?.peerId;
              const speaker = peerId ? room.peers.get(peerId)?.userId ?? null : null;
              if (s.speaking.get(roomId) !== speaker) {
                s.speaking.set(roomId, speaker);
                notifyControlOfRoom(roomId);
              }
              markActivity(roomId);
            });
            observer.on('silence', () => {
              if (s.speaking.get(roomId)) {
                s.speaking.set(roomId, null);
                notifyControlOfRoom(roomId);
              }
            });
          })
          .catch((err: unknown) => console.error('[breakouts] audio level observer', err));
        continue;
      }
      if (!entry.observer || entry.observer.closed) continue;
      for (const peer of room.peers.values()) {
        for (const { producer, source } of peer.producers.values()) {
          if (source !== 'microphone' || producer.closed || entry.producers.has(producer.id)) continue;
          entry.producers.add(producer.id);
          void entry.observer.addProducer({ producerId: producer.id }).catch(() => entry!.producers.delete(producer.id));
        }
      }
    }
  }
}

function notifyControlOfRoom(roomId: string): void {
  for (const p of state().places.values()) {
    if (p.roomId === roomId && p.runId) {
      notifyControl(p.runId);
      return;
    }
  }
}

/** Start-up: attach to Socket.IO, register the media resolver, and rebuild the timers of runs still open in the database. */
export async function startBreakoutsLive(server: BalaiServer, options: { clustered: boolean } = { clustered: false }): Promise<void> {
  const s = state();
  s.io = server;
  startPushes({
    io: server,
    clustered: options.clustered,
    places: s.places,
    visitOf: visitingRoom,
    keepVisitsIn: (sessionId, roomIds) => {
      for (const [k, v] of s.visits) if (k.startsWith(`${sessionId}:`) && !roomIds.has(v.roomId)) s.visits.delete(k);
    },
    notifyControl,
  });
  s.unregisterResolver?.();
  s.unregisterResolver = registerLiveRoomResolver(resolveBreakoutRoom);
  s.sampler = setInterval(sampleSpeakers, 1000);
  s.sampler.unref();
  for (const run of await runsNotClosed()) schedule(run);
  // Stays left open by a process that stopped are not closed at once: people whose browser
  // reconnects within the grace period keep one continuous stay; the sweep closes the rest.
  s.sweeper = setTimeout(() => void sweepStays().catch((err: unknown) => console.error('[breakouts] stay sweep failed', err)), STAY_GRACE_MS);
  s.sweeper.unref();
}

/** As long as Socket.IO keeps a dropped connection's state (connectionStateRecovery). */
export const STAY_GRACE_MS = 2 * 60 * 1000;

/**
 * Closes open attendance stays of active runs whose person has no socket in
 * that room's channel anywhere in the cluster (fetchSockets asks every
 * process through the adapter). Returns how many were closed.
 */
export async function sweepStays(onlyRunId?: string): Promise<number> {
  const server = io();
  if (!server) return 0;
  let closed = 0;
  for (const run of await runsNotClosed()) {
    if (onlyRunId && run.id !== onlyRunId) continue;
    for (const stay of await openStaysOf(run.id)) {
      const sockets = await server.in(rooms.breakouts.room(stay.roomId)).fetchSockets();
      if (sockets.some((sock) => sock.data.userId === stay.userId)) continue;
      await closeStay(stay.roomId, stay.userId);
      closed++;
    }
  }
  return closed;
}

export function stopBreakoutsLive(): void {
  const s = state();
  for (const t of s.timers.values()) clearTimeout(t);
  s.timers.clear();
  clearInterval(s.sampler);
  clearTimeout(s.sweeper);
  s.unregisterResolver?.();
  s.unregisterResolver = undefined;
  stopPushes();
  s.places.clear();
  s.visits.clear();
  s.activity.clear();
  s.speaking.clear();
  s.io = undefined;
}
