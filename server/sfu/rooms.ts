import { rooms } from '../../lib/realtime/rooms';
import type { ServerEventName, ServerEventPayload } from '../../lib/contracts/realtime';
import { notice } from '../realtime/notices';
import type { BalaiServer } from '../realtime/handler';
import { DomainError } from '../../lib/errors';
import type { MediaPeer, RemoteProducer } from '../../lib/contracts/media';
import type { ClusterMedia } from '../cluster/cluster-media';
import type { MediaBus } from '../cluster/media-bus';
import { LiveRoom, toMediaPeer, type LivePeer, type LivePeerInit } from './live-room';

/**
 * The live rooms of this process and which socket's media is in which room.
 * The server alone decides the room: resolvers map (user, session) to a room
 * key, the main room of the session being the fallback. See docs/live-rooms.md.
 */

export interface LiveRoomTarget {
  key: string;
  /** Everyone may publish camera and microphone here whatever the session's live mode (e.g. breakout rooms). */
  open?: boolean;
}
/** Returns the live room this user belongs in for the session, or null to let the next resolver (finally the main room) decide. */
export type LiveRoomResolver = (userId: string, sessionId: string) => Promise<LiveRoomTarget | string | null>;

export const mainRoomKey = (sessionId: string) => `main:${sessionId}`;

// The registry lives on globalThis: the custom server and Next.js (server actions) are two module
// graphs in one process, and both must see the same rooms, resolvers and Socket.IO server.
interface Registry {
  resolvers: LiveRoomResolver[];
  rooms: Map<string, Promise<LiveRoom>>;
  bySocket: Map<string, { room: LiveRoom; peer: LivePeer }>;
  io?: BalaiServer;
  /** The node is draining: rooms it already hosts carry on, no new one opens here. */
  draining?: boolean;
  /** Rooms shared with other nodes (with Redis); none on a single node. */
  cluster?: ClusterMedia;
}
const KEY = Symbol.for('balai.sfu.rooms');
const registry: Registry = ((globalThis as { [KEY]?: Registry })[KEY] ??= { resolvers: [], rooms: new Map(), bySocket: new Map() });
const { resolvers, rooms: liveRooms, bySocket } = registry;

/** Resolvers registered later are asked first. Returns a function that unregisters it. */
export function registerLiveRoomResolver(resolver: LiveRoomResolver): () => void {
  resolvers.unshift(resolver);
  return () => {
    const at = resolvers.indexOf(resolver);
    if (at >= 0) resolvers.splice(at, 1);
  };
}

export async function resolveLiveRoom(userId: string, sessionId: string): Promise<LiveRoomTarget> {
  for (const resolve of resolvers) {
    const found = await resolve(userId, sessionId);
    if (typeof found === 'string') return { key: found };
    if (found) return found;
  }
  return { key: mainRoomKey(sessionId) };
}

export function attachLiveRooms(server: BalaiServer | undefined): void {
  registry.io = server;
}

function notifier(key: string, sessionId: string) {
  const tellNodes = (type: string, body: unknown) =>
    registry.cluster?.bus.broadcast(type, body).catch((err: unknown) => console.error(`[cluster] could not tell the other nodes ${type}`, err));
  return {
    room<K extends ServerEventName>(event: K, payload: ServerEventPayload<K>, exceptSocketId?: string) {
      const io = registry.io;
      if (!io) return;
      const target = exceptSocketId ? io.to(rooms.live(key)).except(exceptSocketId) : io.to(rooms.live(key));
      notice(target, event, payload);
    },
    socket<K extends ServerEventName>(socketId: string, event: K, payload: ServerEventPayload<K>) {
      const io = registry.io;
      if (!io) return;
      notice(io.to(socketId), event, payload);
    },
    roomHere<K extends ServerEventName>(event: K, payload: ServerEventPayload<K>) {
      const io = registry.io;
      if (!io) return;
      notice(io.local.to(rooms.live(key)), event, payload);
    },
    microphoneAdded(producerId: string) {
      void tellNodes('room:microphone', { roomKey: key, producerId });
    },
    spotlightChanged(peerId: string | null) {
      void tellNodes('room:spotlight', { roomKey: key, peerId });
    },
    peerChanged(peer: LivePeer) {
      registry.cluster?.peerChanged(key, sessionId, peer);
    },
    peerGone(peerId: string) {
      if (!registry.cluster) return;
      registry.cluster.peerGone(key, peerId);
      void tellNodes('room:peer-gone', { roomKey: key, peerIds: [peerId] });
    },
  };
}

/** Gets or creates a live room; creation is serialized per key (concurrent joins share one router). */
async function liveRoom(target: LiveRoomTarget, sessionId: string): Promise<LiveRoom> {
  for (;;) {
    let pending = liveRooms.get(target.key);
    if (!pending && registry.draining) throw new DomainError('conflict', 'media.nodeDraining');
    if (!pending) {
      pending = LiveRoom.create(target.key, sessionId, target.open ?? false, notifier(target.key, sessionId)).then((room) => {
        room.importer = registry.cluster?.importer;
        // The microphones other nodes already host in this room: the speaker observer hears them too.
        registry.cluster
          ?.remote(room.key)
          .then(({ producers }) => Promise.all(producers.filter((p) => p.source === 'microphone').map((p) => room.listenTo(p.producerId))))
          .catch((err: unknown) => console.error('[cluster] could not listen to the other nodes’ microphones', err));
        return room;
      });
      liveRooms.set(target.key, pending);
      pending.then(
        (room) =>
          room.onClose(() => {
            if (liveRooms.get(target.key) === pending) liveRooms.delete(target.key);
            for (const p of [...room.peers.values()]) evict(room, p, 'closed', null);
          }),
        () => liveRooms.delete(target.key),
      );
    }
    const room = await pending;
    if (!room.closed) return room;
  }
}

/** Puts a socket's media into a live room (leaving any room it was in). */
export async function joinLiveRoom(target: LiveRoomTarget, sessionId: string, init: LivePeerInit): Promise<{ room: LiveRoom; peer: LivePeer }> {
  leaveLiveRoom(init.socketId);
  let room = await liveRoom(target, sessionId);
  let peer: LivePeer;
  // The room may close under us (its last peer left while we were placed); then open it again.
  for (let attempt = 0; ; attempt++) {
    try {
      peer = await room.addPeer(init);
      break;
    } catch (err) {
      if (!room.closed || attempt >= 2) throw err;
      room = await liveRoom(target, sessionId);
    }
  }
  bySocket.set(init.socketId, { room, peer });
  const socket = registry.io?.sockets.sockets.get(init.socketId);
  await socket?.join(rooms.live(room.key));
  return { room, peer };
}

export function livePeerOf(socketId: string): { room: LiveRoom; peer: LivePeer } | undefined {
  return bySocket.get(socketId);
}

/** The live peer with this id in any room (automatic captions name the speaker of a producer by it). */
export function findLivePeer(peerId: string): { room: LiveRoom; peer: LivePeer } | undefined {
  for (const entry of bySocket.values()) if (entry.peer.peerId === peerId) return entry;
  return undefined;
}

/** Takes a socket's media out of its live room and closes the room when it is empty. */
export function leaveLiveRoom(socketId: string): void {
  const entry = bySocket.get(socketId);
  if (!entry) return;
  bySocket.delete(socketId);
  entry.room.removePeer(entry.peer);
  void registry.io?.sockets.sockets.get(socketId)?.leave(rooms.live(entry.room.key));
  if (entry.room.peers.size === 0) entry.room.close();
}

function evict(room: LiveRoom, peer: LivePeer, reason: 'moved' | 'removed' | 'closed', roomKey: string | null): void {
  if (bySocket.get(peer.socketId)?.peer !== peer) return;
  leaveLiveRoom(peer.socketId);
  notifier(room.key, room.sessionId).socket(peer.socketId, 'media:room-left', { reason, roomKey });
}

/** Every live room of a session (main room and any breakout rooms that carry its session id). */
/** This node's open live rooms with this key (one, or none). */
export function liveRoomsWithKey(roomKey: string): LiveRoom[] {
  const out = new Set<LiveRoom>();
  for (const { room } of bySocket.values()) if (room.key === roomKey && !room.closed) out.add(room);
  return [...out];
}

export function liveRoomsOfSession(sessionId: string): LiveRoom[] {
  const out = new Set<LiveRoom>();
  for (const { room } of bySocket.values()) if (room.sessionId === sessionId) out.add(room);
  return [...out];
}

/**
 * Sends every socket of this user in the session to the room the resolvers now
 * pick (after a breakout assignment changed, say). Media in the old router is
 * closed; the browser gets `media:room-left { reason: 'moved' }` and joins
 * again without reloading. Returns how many sockets were moved.
 */
export async function moveUserToLiveRoom(sessionId: string, userId: string, everywhere = true): Promise<number> {
  return moveUsersToLiveRooms(sessionId, [userId], everywhere);
}

/**
 * The same for many people at once (a breakout push moves everyone): their
 * targets are resolved together and this node's peers are gone through once,
 * not once per person.
 */
export async function moveUsersToLiveRooms(sessionId: string, userIds: readonly string[], everywhere = true): Promise<number> {
  const wanted = [...new Set(userIds)];
  if (!wanted.length) return 0;
  if (everywhere) tellOtherNodes({ type: 'move-users', sessionId, userIds: wanted });
  // One person whose target cannot be found (a read failed) stays where they are; everyone else moves.
  const resolved = await Promise.allSettled(wanted.map(async (userId) => [userId, await resolveLiveRoom(userId, sessionId)] as const));
  const targets = new Map(resolved.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
  for (const r of resolved) if (r.status === 'rejected') console.error('[media] could not find where to move a person', r.reason);
  let moved = 0;
  for (const { room, peer } of [...bySocket.values()]) {
    const target = room.sessionId === sessionId ? targets.get(peer.userId) : undefined;
    if (!target || room.key === target.key) continue;
    evict(room, peer, 'moved', target.key);
    moved++;
  }
  return moved;
}

/** Closes a live room (a breakout ended): its peers are told to join again, which lands them where the resolvers say. */
export async function closeLiveRoom(roomKey: string, everywhere = true): Promise<void> {
  if (everywhere) tellOtherNodes({ type: 'close-room', roomKey });
  const pending = liveRooms.get(roomKey);
  if (!pending) return;
  const room = await pending;
  for (const peer of [...room.peers.values()]) {
    const target = await resolveLiveRoom(peer.userId, room.sessionId);
    evict(room, peer, 'moved', target.key === roomKey ? null : target.key);
  }
  room.close();
}

/** Removes a person's media from every live room of a session (a moderator removed them). */
export function removeUserFromSession(sessionId: string, userId: string, everywhere = true): number {
  if (everywhere) tellOtherNodes({ type: 'remove-user', sessionId, userId });
  let removed = 0;
  for (const { room, peer } of [...bySocket.values()]) {
    if (room.sessionId !== sessionId || peer.userId !== userId) continue;
    evict(room, peer, 'removed', null);
    removed++;
  }
  return removed;
}

/** Every open room closes with the workers; used by server.close(). */
export async function closeAllLiveRooms(): Promise<void> {
  const all = await Promise.allSettled([...liveRooms.values()]);
  for (const r of all) if (r.status === 'fulfilled') r.value.close();
  liveRooms.clear();
  bySocket.clear();
  // A server started later in this process (tests) takes rooms again.
  registry.draining = false;
}

/** SIGTERM: no new live room opens on this node (the clients are moving to another one). */
export function stopTakingLiveRooms(): void {
  registry.draining = true;
}

/** The room as a joining peer first sees it: its peers and producers on this node and on every other node. */
export async function roomSnapshot(room: LiveRoom, exceptPeerId: string): Promise<{ peers: MediaPeer[]; producers: RemoteProducer[] }> {
  const here = room.snapshot(exceptPeerId);
  if (!registry.cluster) return here;
  const elsewhere = await registry.cluster.remote(room.key).catch((err: unknown) => {
    console.error('[cluster] could not read the room directory; showing this node only', err);
    return { peers: [], producers: [] };
  });
  return { peers: [...here.peers, ...elsewhere.peers], producers: [...here.producers, ...elsewhere.producers] };
}

async function localRoom(roomKey: string): Promise<LiveRoom | undefined> {
  const room = await liveRooms.get(roomKey)?.catch(() => undefined);
  return room && !room.closed ? room : undefined;
}

/** Session-wide moves and closes reach every node: each moves the sockets it holds. */
type ClusterNotice = { type: 'move-users'; sessionId: string; userIds: string[] } | { type: 'close-room'; roomKey: string } | { type: 'remove-user'; sessionId: string; userId: string };

function tellOtherNodes(notice: ClusterNotice): void {
  registry.cluster?.bus.broadcast(notice.type, notice).catch((err: unknown) => console.error(`[cluster] could not tell the other nodes ${notice.type}`, err));
}

/** Shares this node's live rooms with the other nodes (server/realtime/index.ts, with Redis). */
export function attachClusterMedia(
  bus: MediaBus | undefined,
  make?: (localRoom: (key: string) => Promise<LiveRoom | undefined>, forget: typeof forgetRemotePeers) => ClusterMedia,
): void {
  registry.cluster = bus && make ? make(localRoom, forgetRemotePeers) : undefined;
  if (!bus) return;
  bus.on('move-users', async (body) => {
    const { sessionId, userIds } = body as { sessionId: string; userIds: string[] };
    await moveUsersToLiveRooms(sessionId, userIds, false);
  });
  bus.on('room:microphone', async (body) => {
    const { roomKey, producerId } = body as { roomKey: string; producerId: string };
    const room = await localRoom(roomKey);
    await room?.listenTo(producerId);
  });
  bus.on('room:spotlight', async (body) => {
    const { roomKey, peerId } = body as { roomKey: string; peerId: string | null };
    for (const room of liveRoomsWithKey(roomKey)) room.setSpotlight(peerId, 'another node');
  });
  // A peer hosted elsewhere left, or died with its node (ClusterMedia.afterDeadNode): no stale speaker or spotlight here.
  bus.on('room:peer-gone', async (body) => forgetRemotePeers(body as { roomKey: string; peerIds: string[] }));
  bus.on('close-room', async (body) => closeLiveRoom((body as { roomKey: string }).roomKey, false));
  bus.on('remove-user', async (body) => {
    const { sessionId, userId } = body as { sessionId: string; userId: string };
    removeUserFromSession(sessionId, userId, false);
  });
}

/** Peers of a room that another node hosted are gone (see LiveRoom.forgetRemotePeer). */
export async function forgetRemotePeers({ roomKey, peerIds }: { roomKey: string; peerIds: string[] }): Promise<void> {
  const room = await localRoom(roomKey);
  if (room) for (const peerId of peerIds) room.forgetRemotePeer(peerId);
}

/**
 * The media peers of a session in every live room on every node (main and breakouts): who is in the call.
 * Other nodes' peers come from the Redis directory; without Redis, or when it cannot be read, this node's only.
 */
export async function livePeersOfSession(sessionId: string): Promise<MediaPeer[]> {
  const here = liveRoomsOfSession(sessionId).flatMap((room) => [...room.peers.values()].map(toMediaPeer));
  const elsewhere = await (registry.cluster?.sessionPeers(sessionId) ?? Promise.resolve([])).catch((err: unknown) => {
    console.error('[cluster] could not read who is in the call on other nodes; counting this node only', err);
    return [];
  });
  return [...here, ...elsewhere];
}

/** Moves these people's media on every node (a breakout assignment changed). */
export async function moveUsersEverywhere(sessionId: string, userIds: string[]): Promise<void> {
  const withMedia = new Set<string>();
  for (const room of liveRoomsOfSession(sessionId)) for (const peer of room.peers.values()) withMedia.add(peer.userId);
  await moveUsersToLiveRooms(sessionId, userIds.filter((userId) => withMedia.has(userId)), false);
  tellOtherNodes({ type: 'move-users', sessionId, userIds: [...new Set(userIds)] });
}

/** Tells the other nodes to let go of a dead node's peers (see ClusterMedia.afterDeadNode). */
export function clusterMedia(): ClusterMedia | undefined {
  return registry.cluster;
}
