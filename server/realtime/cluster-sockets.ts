import type { BalaiServer } from './handler';

/**
 * How long a question to every node's sockets (fetchSockets through the Redis
 * adapter) may wait. A node that died keeps being counted by the adapter until
 * its heartbeat times out, and the adapter would wait its whole request
 * timeout for the missing answer and then fail.
 */
export const ADAPTER_QUERY_TIMEOUT_MS = 1500;

/**
 * The sockets in these Socket.IO rooms on every node. When some node does not
 * answer in time (dead, cut off), this node's own sockets stand in: the request
 * that asked goes on with a partial view instead of failing. (Presence has its
 * own fallback to the database: server/realtime/presence.ts.)
 */
export async function socketsEverywhere(io: BalaiServer, rooms: string | string[]) {
  try {
    return await io.in(rooms).timeout(ADAPTER_QUERY_TIMEOUT_MS).fetchSockets();
  } catch (err) {
    console.warn(`[cluster] a node did not answer for ${String(rooms)}; using this node's sockets`, err instanceof Error ? err.message : err);
    return io.local.in(rooms).fetchSockets();
  }
}
