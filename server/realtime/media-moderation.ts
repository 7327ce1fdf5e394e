import { rooms } from '../../lib/realtime/rooms';
import type { MediaPeer, RoomSettings } from '../../lib/contracts/media';
import { notFound } from '../../lib/errors';
import type { MediaBus } from '../cluster/media-bus';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { clusterMedia, liveRoomsOfSession, liveRoomsWithKey } from '../sfu/rooms';
import type { BalaiServer } from './handler';

/**
 * A moderator's action on one media peer (mute, stop a screen share). The
 * peer may be hosted by another Balai node than the moderator's (a room
 * spanning nodes): the action then runs on that node, asked over the media bus.
 */
export type PeerAction = 'mute' | 'stop-screen';

async function actHere(io: BalaiServer, room: LiveRoom, target: LivePeer, action: PeerAction): Promise<void> {
  const socket = io.sockets.sockets.get(target.socketId);
  for (const [producerId, { producer, source }] of [...target.producers]) {
    if (action === 'mute' && source === 'microphone' && !producer.paused) {
      await room.setProducerPaused(target, producerId, true);
      socket?.emit('media:muted', { producerId });
    }
    if (action === 'stop-screen' && (source === 'screen' || source === 'screen-audio')) {
      room.closeProducer(target, producerId);
      socket?.emit('media:own-producer-closed', { producerId, reason: 'moderator' });
    }
  }
}

/** The peer as this node or its hosting node knows it; not_found when no node hosts it in this room. */
export async function findPeerAnywhere(room: LiveRoom, peerId: string): Promise<{ peer: MediaPeer; nodeId: string | null }> {
  const local = room.peers.get(peerId);
  if (local) return { peer: { ...local }, nodeId: null };
  const elsewhere = await clusterMedia()?.hostOf(room.key, peerId);
  if (!elsewhere) throw notFound('person');
  return elsewhere;
}

export async function actOnPeer(io: BalaiServer, room: LiveRoom, peerId: string, action: PeerAction): Promise<void> {
  const local = room.peers.get(peerId);
  if (local) return actHere(io, room, local, action);
  const { nodeId } = await findPeerAnywhere(room, peerId);
  await clusterMedia()!.bus.request(nodeId!, 'peer:act', { roomKey: room.key, peerId, action });
}

/** Tells the other nodes to re-read a session's rights and settings (lock, screen sharing, stage). */
export function refreshOtherNodes(sessionId: string, settings?: RoomSettings): void {
  clusterMedia()
    ?.bus.broadcast('session:refresh', { sessionId, settings })
    .catch((err: unknown) => console.error('[cluster] could not tell the other nodes to refresh', err));
}

/** The session's settings to this node's sockets in its live rooms; every node does so for its own. */
export function tellSettingsHere(io: BalaiServer, sessionId: string, settings: RoomSettings): void {
  for (const r of liveRoomsOfSession(sessionId)) io.local.to(rooms.live(r.key)).emit('media:settings-changed', settings);
}

/** New settings that change nobody's rights (the breakout microphone default): told on every node, nothing re-read. */
export function tellSettingsEverywhere(io: BalaiServer, sessionId: string, settings: RoomSettings): void {
  tellSettingsHere(io, sessionId, settings);
  clusterMedia()
    ?.bus.broadcast('session:settings', { sessionId, settings })
    .catch((err: unknown) => console.error('[cluster] could not tell the other nodes the settings', err));
}

/** What the other nodes ask of this one. */
export function serveModeration(io: BalaiServer, bus: MediaBus, refresh: (sessionId: string) => Promise<void>): void {
  bus.on('peer:act', async (body) => {
    const { roomKey, peerId, action } = body as { roomKey: string; peerId: string; action: PeerAction };
    for (const room of liveRoomsWithKey(roomKey)) {
      const target = room.peers.get(peerId);
      if (target) return actHere(io, room, target, action);
    }
    throw new Error(`peer ${peerId} is not here`);
  });
  bus.on('session:settings', async (body) => {
    const { sessionId, settings } = body as { sessionId: string; settings: RoomSettings };
    tellSettingsHere(io, sessionId, settings);
  });
  bus.on('session:refresh', async (body) => {
    const { sessionId, settings } = body as { sessionId: string; settings?: RoomSettings };
    // Each node tells its own sockets (the node that changed the settings told its own), so nobody hears it twice.
    if (settings) tellSettingsHere(io, sessionId, settings);
    await refresh(sessionId);
  });
}
