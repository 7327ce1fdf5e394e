import { redisNames } from '../../lib/redis-names';
import type { MediaBus } from './media-bus';

/**
 * A small piece of live state every node must see the same (a moderator
 * visiting a breakout room decides where their media goes on whichever node
 * holds their tab). Reads stay synchronous, from this node's copy; a write
 * goes to a Redis hash (for nodes that start later) and, on the same
 * connection right behind it, to a notice on the media bus, so a node applies
 * it before any notice sent after it (a move that depends on it). Without
 * Redis it is a plain map.
 */

type RedisClient = ReturnType<typeof import('redis').createClient<{}, {}, {}, 3>>;

interface Wiring {
  redis: RedisClient;
  prefix: string;
  bus: MediaBus;
}

interface Shared {
  maps: Map<string, SharedMap<unknown>>;
  wiring?: Wiring;
}
// On globalThis: the custom server and Next.js are two module graphs in one process (see server/sfu/rooms.ts).
const KEY = Symbol.for('balai.cluster.sharedMaps');
const shared: Shared = ((globalThis as { [KEY]?: Shared })[KEY] ??= { maps: new Map() });

export class SharedMap<V> implements Iterable<[string, V]> {
  private readonly local = new Map<string, V>();
  private wiring: Wiring | undefined;
  private readonly remoteListeners = new Set<(key: string, value: V | null) => void>();

  constructor(readonly name: string) {}

  get(key: string): V | undefined {
    return this.local.get(key);
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.local.entries();
  }

  set(key: string, value: V): void {
    this.local.set(key, value);
    this.publish(key, value);
  }

  delete(key: string): boolean {
    const had = this.local.delete(key);
    this.publish(key, null);
    return had;
  }

  /** Called after another node's change is applied here (what this node holds may have to follow it). */
  onRemoteChange(listener: (key: string, value: V | null) => void): void {
    this.remoteListeners.add(listener);
  }

  /** Forgets this node's copy only (its server stops); the other nodes and the hash keep theirs. */
  clear(): void {
    this.local.clear();
  }

  private publish(key: string, value: V | null): void {
    const w = this.wiring;
    if (!w) return;
    const hash = redisNames(w.prefix).sharedMap(this.name);
    const stored = value === null ? w.redis.hDel(hash, key) : w.redis.hSet(hash, key, JSON.stringify(value));
    const told = w.bus.broadcast(this.noticeType, { key, value });
    Promise.all([stored, told]).catch((err: unknown) => console.error(`[cluster] could not share ${this.name}`, err));
  }

  private get noticeType(): string {
    return `shared-map:${this.name}`;
  }

  /** Connects this map to the other nodes: takes the hash as it stands, then applies their notices. */
  async wire(wiring: Wiring | undefined): Promise<void> {
    this.wiring = wiring;
    if (!wiring) return;
    wiring.bus.on(this.noticeType, async (body) => {
      const { key, value } = body as { key: string; value: V | null };
      if (value === null) this.local.delete(key);
      else this.local.set(key, value);
      for (const listener of this.remoteListeners) listener(key, value);
    });
    const stored = await wiring.redis.hGetAll(redisNames(wiring.prefix).sharedMap(this.name));
    for (const [key, json] of Object.entries(stored)) {
      try {
        this.local.set(key, JSON.parse(String(json)) as V);
      } catch {
        console.error(`[cluster] unreadable ${this.name} entry ${key}`);
      }
    }
  }
}

/** The map of this name (one per process), wired to the other nodes when Redis is. */
export function sharedMap<V>(name: string): SharedMap<V> {
  let map = shared.maps.get(name) as SharedMap<V> | undefined;
  if (!map) {
    map = new SharedMap<V>(name);
    shared.maps.set(name, map as SharedMap<unknown>);
    if (shared.wiring) void map.wire(shared.wiring).catch((err: unknown) => console.error(`[cluster] could not load ${name}`, err));
  }
  return map;
}

/** server/realtime/index.ts: every shared map (and any made later) follows the other nodes through Redis, or none does. */
export async function wireSharedMaps(wiring: Wiring | undefined): Promise<void> {
  shared.wiring = wiring;
  for (const map of shared.maps.values()) await map.wire(wiring);
}
