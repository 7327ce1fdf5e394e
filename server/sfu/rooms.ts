import type { BalaiServer } from '../realtime/handler';
import { LiveRoom, type LivePeer, type LivePeerInit } from './live-room';

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
/** The Socket.IO room carrying a live room's notices. */
export const liveChannel = (roomKey: string) => `live:${roomKey}`;

// The registry lives on globalThis: the custom server and Next.js (server actions) are two module
// graphs in one process, and both must see the same rooms, resolvers and Socket.IO server.
interface Registry {
  resolvers: LiveRoomResolver[];
  rooms: Map<string, Promise<LiveRoom>>;
  bySocket: Map<string, { room: LiveRoom; peer: LivePeer }>;
  io?: BalaiServer;
}
const KEY = Symbol.for('balai.sfu.rooms');
const registry: Registry = ((globalThis as { [KEY]?: Registry })[KEY] ??= { resolvers: [], rooms: new Map(), bySocket: new Map() });
const { resolvers, rooms, bySocket } = registry;

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

function notifier(key: string) {
  return {
    room(event: string, payload: unknown, exceptSocketId?: string) {
      const io = registry.io;
      if (!io) return;
      const target = exceptSocketId ? io.to(liveChannel(key)).except(exceptSocketId) : io.to(liveChannel(key));
      (target.emit as (n: string, p: unknown) => boolean)(event, payload);
    },
    socket(socketId: string, event: string, payload: unknown) {
      const io = registry.io;
      if (!io) return;
      (io.to(socketId).emit as (n: string, p: unknown) => boolean)(event, payload);
    },
  };
}

/** Gets or creates a live room; creation is serialized per key (concurrent joins share one router). */
async function liveRoom(target: LiveRoomTarget, sessionId: string): Promise<LiveRoom> {
  for (;;) {
    let pending = rooms.get(target.key);
    if (!pending) {
      pending = LiveRoom.create(target.key, sessionId, target.open ?? false, notifier(target.key));
      rooms.set(target.key, pending);
      pending.then(
        (room) =>
          room.onClose(() => {
            if (rooms.get(target.key) === pending) rooms.delete(target.key);
            for (const p of [...room.peers.values()]) evict(room, p, 'closed', null);
          }),
        () => rooms.delete(target.key),
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
  await socket?.join(liveChannel(room.key));
  return { room, peer };
}

export function livePeerOf(socketId: string): { room: LiveRoom; peer: LivePeer } | undefined {
  return bySocket.get(socketId);
}

/** Takes a socket's media out of its live room and closes the room when it is empty. */
export function leaveLiveRoom(socketId: string): void {
  const entry = bySocket.get(socketId);
  if (!entry) return;
  bySocket.delete(socketId);
  entry.room.removePeer(entry.peer);
  void registry.io?.sockets.sockets.get(socketId)?.leave(liveChannel(entry.room.key));
  if (entry.room.peers.size === 0) entry.room.close();
}

function evict(room: LiveRoom, peer: LivePeer, reason: 'moved' | 'removed' | 'closed', roomKey: string | null): void {
  if (bySocket.get(peer.socketId)?.peer !== peer) return;
  leaveLiveRoom(peer.socketId);
  notifier(room.key).socket(peer.socketId, 'media:room-left', { reason, roomKey });
}

/** Every live room of a session (main room and any breakout rooms that carry its session id). */
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
export async function moveUserToLiveRoom(sessionId: string, userId: string): Promise<number> {
  const target = await resolveLiveRoom(userId, sessionId);
  let moved = 0;
  for (const { room, peer } of [...bySocket.values()]) {
    if (room.sessionId !== sessionId || peer.userId !== userId || room.key === target.key) continue;
    evict(room, peer, 'moved', target.key);
    moved++;
  }
  return moved;
}

/** Closes a live room (a breakout ended): its peers are told to join again, which lands them where the resolvers say. */
export async function closeLiveRoom(roomKey: string): Promise<void> {
  const pending = rooms.get(roomKey);
  if (!pending) return;
  const room = await pending;
  for (const peer of [...room.peers.values()]) {
    const target = await resolveLiveRoom(peer.userId, room.sessionId);
    evict(room, peer, 'moved', target.key === roomKey ? null : target.key);
  }
  room.close();
}

/** Removes a person's media from every live room of a session (a moderator removed them). */
export function removeUserFromSession(sessionId: string, userId: string): number {
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
  const all = await Promise.allSettled([...rooms.values()]);
  for (const r of all) if (r.status === 'fulfilled') r.value.close();
  rooms.clear();
  bySocket.clear();
}
