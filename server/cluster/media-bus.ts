import { randomUUID } from 'node:crypto';
import { redisNames } from '../../lib/redis-names';

/**
 * Node-to-node messages for live media, over Redis pub/sub: requests to one
 * node with an answer (pipe offers and answers), and notices to every node
 * (move these people, close that room). Each node listens on its own channel
 * and on the shared one. A request to a node that does not answer fails after
 * a bounded time.
 */

type RedisClient = ReturnType<typeof import('redis').createClient<{}, {}, {}, 3>>;

export type BusHandler = (body: unknown, from: string) => Promise<unknown>;

interface Envelope {
  id: string;
  from: string;
  type: string;
  body: unknown;
  /** Set on answers: the id of the request answered. */
  replyTo?: string;
  error?: string;
  /** A request: the sender waits for an answer. */
  ask?: boolean;
}

const REQUEST_TIMEOUT_MS = 4000;
const ALL = '*';

export class MediaBus {
  private readonly names;
  private subscriber: RedisClient | undefined;
  private readonly handlers = new Map<string, BusHandler>();
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    readonly nodeId: string,
  ) {
    this.names = redisNames(prefix);
  }

  async start(): Promise<void> {
    const subscriber = this.redis.duplicate();
    subscriber.on('error', (err: unknown) => console.error('[media-bus] redis', err));
    await subscriber.connect();
    const listener = (raw: string) => void this.receive(raw);
    await subscriber.subscribe([this.names.mediaChannel(this.nodeId), this.names.mediaChannel(ALL)], listener);
    this.subscriber = subscriber;
  }

  async stop(): Promise<void> {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('media bus stopped'));
    }
    this.pending.clear();
    await this.subscriber?.quit();
    this.subscriber = undefined;
  }

  on(type: string, handler: BusHandler): void {
    this.handlers.set(type, handler);
  }

  /** Asks one node and resolves with its answer. */
  request<T>(nodeId: string, type: string, body: unknown): Promise<T> {
    const id = randomUUID();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`node ${nodeId} did not answer ${type}`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.publish(nodeId, { id, from: this.nodeId, type, body, ask: true }).catch((err: unknown) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  /** Tells one node, expecting no answer. */
  async tell(nodeId: string, type: string, body: unknown): Promise<void> {
    await this.publish(nodeId, { id: randomUUID(), from: this.nodeId, type, body });
  }

  /** Tells every other node. */
  async broadcast(type: string, body: unknown): Promise<void> {
    await this.publish(ALL, { id: randomUUID(), from: this.nodeId, type, body });
  }

  private async publish(nodeId: string, envelope: Envelope): Promise<void> {
    await this.redis.publish(this.names.mediaChannel(nodeId), JSON.stringify(envelope));
  }

  private async receive(raw: string): Promise<void> {
    let msg: Envelope;
    try {
      msg = JSON.parse(raw) as Envelope;
    } catch {
      console.error('[media-bus] unreadable message', raw.slice(0, 200));
      return;
    }
    if (msg.from === this.nodeId) return;
    if (msg.replyTo) {
      const waiting = this.pending.get(msg.replyTo);
      if (!waiting) return;
      this.pending.delete(msg.replyTo);
      clearTimeout(waiting.timer);
      if (msg.error) waiting.reject(new Error(msg.error));
      else waiting.resolve(msg.body);
      return;
    }
    const handler = this.handlers.get(msg.type);
    if (!handler) {
      console.error(`[media-bus] no handler for ${msg.type}`);
      return;
    }
    if (!msg.ask) {
      await handler(msg.body, msg.from).catch((err: unknown) => console.error(`[media-bus] ${msg.type} from ${msg.from} failed`, err));
      return;
    }
    try {
      const body = await handler(msg.body, msg.from);
      await this.publish(msg.from, { id: randomUUID(), from: this.nodeId, type: msg.type, body, replyTo: msg.id });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await this.publish(msg.from, { id: randomUUID(), from: this.nodeId, type: msg.type, body: null, replyTo: msg.id, error }).catch((e: unknown) =>
        console.error('[media-bus] could not answer', e),
      );
    }
  }
}
