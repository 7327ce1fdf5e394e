import { env } from './env';

/**
 * Every Redis key, stream and channel name Balai uses, under REDIS_PREFIX, so
 * several deployments share one Redis without seeing each other. Nothing else
 * spells a Redis name.
 */
export function redisNames(prefix = env().REDIS_PREFIX) {
  return {
    prefix,
    /** The Socket.IO adapter's stream (broadcasts) and its pub/sub channels (answers to fetchSockets and the like). */
    adapterStream: `${prefix}socket.io`,
    adapterChannel: `${prefix}socket.io`,
    /** Socket.IO connection-state-recovery sessions. */
    adapterSessions: `${prefix}sio:session:`,
    throttle: `${prefix}throttle:`,
    /** Per-person request counts (server/realtime/request-limit.ts). */
    requests: `${prefix}requests:`,
    /** A node's heartbeat key (expires when the node stops beating). */
    node: (nodeId: string) => `${prefix}node:${nodeId}`,
    /** The set of node ids that announced themselves; a member without a heartbeat key is dead. */
    nodes: `${prefix}nodes`,
    /** The sockets a node holds in sessions (socket id → session and user), read when the node dies. */
    nodePresence: (nodeId: string) => `${prefix}node-presence:${nodeId}`,
    /** Taken by the one surviving node that cleans up after a dead one. */
    reaping: (nodeId: string) => `${prefix}reaping:${nodeId}`,
    /** Pub/sub channel of node-to-node media signalling (pipe offers and answers, room moves). */
    mediaChannel: (nodeId: string) => `${prefix}media:${nodeId}`,
    /** A live room's peers on every node (peer id → hosting node, peer, producers): who hosts which producer. */
    roomPeers: (roomKey: string) => `${prefix}room-peers:${roomKey}`,
    /** The live room keys of a programme session that ever had a peer in the directory (who is in the call, on any node). */
    sessionRooms: (sessionId: string) => `${prefix}session-rooms:${sessionId}`,
    /** Live state every node keeps the same copy of (server/cluster/shared-map.ts), e.g. moderators' breakout visits. */
    sharedMap: (name: string) => `${prefix}shared:${name}`,
    /** The live rooms a node has peers in (read when the node dies). */
    nodeRooms: (nodeId: string) => `${prefix}node-rooms:${nodeId}`,
  };
}
