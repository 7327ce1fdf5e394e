import type { BalaiServer } from '../realtime/handler';
import { redisNames } from '../../lib/redis-names';

/**
 * This Balai node among the nodes sharing one Redis. Each node writes a
 * heartbeat key that expires after the node timeout, and keeps in a hash the
 * sockets it holds in sessions. Every node looks for nodes whose heartbeat
 * expired; the first to claim a dead node reads its hash and cleans up after
 * it (presence:left, attendance, media), so no ghost stays on any page.
 */

export interface HeldSocket {
  socketId: string;
  sessionId: string;
  userId: string;
}

export type DeadNodeHandler = (nodeId: string, held: HeldSocket[]) => Promise<void>;

// The client the realtime server connects (default modules, RESP 3 replies).
type RedisClient = ReturnType<typeof import('redis').createClient<{}, {}, {}, 3>>;

export interface NodeOptions {
  redis: RedisClient;
  prefix: string;
  nodeId: string;
  /** BALAI_NODE_TIMEOUT_SECONDS */
  timeoutSeconds: number;
}

const BEAT_MS = 1000;

export class NodeRegistry {
  private readonly names;
  private readonly handlers: DeadNodeHandler[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();

  constructor(private readonly options: NodeOptions) {
    this.names = redisNames(options.prefix);
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  async start(): Promise<void> {
    // A node restarted under the same BALAI_NODE_ID before anyone noticed it died: its former self is cleaned up
    // here (its people get presence:left, its streams leave shared rooms), or nobody would.
    if (await this.options.redis.exists(this.names.nodePresence(this.nodeId))) await this.reap(this.nodeId);
    await this.beat();
    this.timer = setInterval(() => {
      this.ticking = this.tick().catch((err: unknown) => console.error('[node] heartbeat or reaping failed', err));
    }, BEAT_MS);
  }

  /** Called for every dead node this node cleans up after; handlers run in order. */
  onDeadNode(handler: DeadNodeHandler): void {
    this.handlers.push(handler);
  }

  hold(socketId: string, sessionId: string, userId: string): void {
    this.options.redis
      .hSet(this.names.nodePresence(this.nodeId), socketId, JSON.stringify({ sessionId, userId }))
      .catch((err: unknown) => console.error('[node] could not record a socket in a session', err));
  }

  release(socketId: string): void {
    this.options.redis
      .hDel(this.names.nodePresence(this.nodeId), socketId)
      .catch((err: unknown) => console.error('[node] could not forget a socket', err));
  }

  async setDraining(): Promise<void> {
    this.draining = true;
    await this.beat();
  }

  /** A clean stop: this node's keys go at once (its sockets' own disconnects tell everyone). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    const { redis } = this.options;
    await redis.multi().del(this.names.node(this.nodeId)).del(this.names.nodePresence(this.nodeId)).sRem(this.names.nodes, this.nodeId).exec();
  }

  private async beat(): Promise<void> {
    const value = JSON.stringify({ draining: this.draining, at: Date.now() });
    await this.options.redis
      .multi()
      .set(this.names.node(this.nodeId), value, { PX: this.options.timeoutSeconds * 1000 })
      .sAdd(this.names.nodes, this.nodeId)
      .exec();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    await this.beat();
    const { redis } = this.options;
    for (const other of await redis.sMembers(this.names.nodes)) {
      if (other === this.nodeId || (await redis.exists(this.names.node(other)))) continue;
      // Only one survivor cleans up; the claim outlives the cleanup so nobody repeats it.
      const claimed = await redis.set(this.names.reaping(other), this.nodeId, { NX: true, PX: 60_000 });
      if (claimed !== 'OK') continue;
      await this.reap(other);
    }
  }

  private async reap(dead: string): Promise<void> {
    const { redis } = this.options;
    const raw = await redis.hGetAll(this.names.nodePresence(dead));
    const held: HeldSocket[] = [];
    for (const [socketId, json] of Object.entries(raw)) {
      try {
        const { sessionId, userId } = JSON.parse(json) as { sessionId: string; userId: string };
        held.push({ socketId, sessionId, userId });
      } catch {
        console.error(`[node] unreadable presence entry of dead node ${dead}: ${json}`);
      }
    }
    console.warn(`[node] ${dead} stopped beating; cleaning up after it (${held.length} sockets in sessions)`);
    for (const handler of this.handlers) await handler(dead, held);
    await redis.multi().del(this.names.nodePresence(dead)).sRem(this.names.nodes, dead).exec();
  }
}

const byServer = new WeakMap<BalaiServer, NodeRegistry>();

export function attachNode(io: BalaiServer, node: NodeRegistry | undefined): void {
  if (node) byServer.set(io, node);
  else byServer.delete(io);
}

/** The node registry of a Socket.IO server (none without Redis: a single node has nobody to tell). */
export function nodeOf(io: BalaiServer): NodeRegistry | undefined {
  return byServer.get(io);
}
