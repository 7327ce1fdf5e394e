import type { RedisClientType } from 'redis';
import { REQUEST_KINDS } from '../../lib/contracts/request-kinds';
import type { ClientEventName } from '../../lib/contracts/realtime';
import { env } from '../../lib/env';
import type { BalaiServer, BalaiSocket } from './handler';

/**
 * Limits on how fast one connection and one person may send requests, so a
 * script (or a stuck retry loop) cannot flood the database or the rooms.
 * Writes count per socket and per person; reads per socket; WebRTC signalling
 * is left alone (see REQUEST_KINDS). Each limit allows its number of requests
 * per window, spent in a burst or spread out. The per-person count is shared
 * by every process through Redis when REDIS_URL is set; without Redis there
 * is one realtime process (rooms need Redis to span processes), so its memory
 * holds the whole count.
 */
export interface RequestLimiter {
  /** 0 when the request may run, else how long to wait (ms) before one will. */
  wait(socket: BalaiSocket, name: ClientEventName): Promise<number>;
  close(): Promise<void>;
}

/**
 * A token bucket of `limit` tokens refilled evenly over `windowMs`, kept as one
 * number per socket (the generic cell rate algorithm): the time at which the
 * bucket is full again. The same answers as tokens and a timestamp, in a
 * fraction of the memory an object per socket took. Dropped with the socket.
 */
export function take(buckets: WeakMap<BalaiSocket, number>, socket: BalaiSocket, limit: number, windowMs: number, now: number): number {
  const interval = windowMs / limit;
  const next = Math.max(buckets.get(socket) ?? now, now) + interval;
  // Taking one token would leave the bucket short by this long: wait that, and spend nothing. (A
  // microsecond's slack for the sums of fractional intervals, which the monotonic clock keeps small.)
  const short = next - now - windowMs;
  if (short > 1e-3) return Math.ceil(short);
  buckets.set(socket, next);
  return 0;
}

/** Per-person counts over fixed windows: the count so far and when the window ends. */
interface PersonCounts {
  hit(userId: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  close(): Promise<void>;
}

function memoryCounts(): PersonCounts {
  const counts = new Map<string, { count: number; resetAt: number }>();
  // Expired windows are dropped now and then, so people who left cost nothing.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [k, v] of counts) if (v.resetAt <= now) counts.delete(k);
  }, 60_000);
  sweep.unref();
  return {
    async hit(userId, windowMs) {
      const now = Date.now();
      let c = counts.get(userId);
      if (!c || c.resetAt <= now) counts.set(userId, (c = { count: 0, resetAt: now + windowMs }));
      c.count += 1;
      return { count: c.count, resetInMs: c.resetAt - now };
    },
    async close() {
      clearInterval(sweep);
    },
  };
}

function redisCounts(client: RedisClientType, prefix: string): PersonCounts {
  let warned = false;
  return {
    async hit(userId, windowMs) {
      const key = `${prefix}${userId}`;
      try {
        // One round trip: start the window if none runs, count, and read when it ends.
        const [, count, ttl] = (await client.multi().set(key, '0', { PX: windowMs, NX: true }).incr(key).pTTL(key).exec()) as unknown as [unknown, number, number];
        return { count, resetInMs: ttl > 0 ? ttl : windowMs };
      } catch (err) {
        // Redis away: requests go on (the per-socket limits still hold) rather than all failing.
        if (!warned) console.error('[request-limit] redis unavailable, per-person limits paused', err);
        warned = true;
        return { count: 0, resetInMs: windowMs };
      }
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}

export function createRequestLimiter(redis?: { client: RedisClientType; prefix: string }): RequestLimiter {
  const writes = new WeakMap<BalaiSocket, number>();
  const reads = new WeakMap<BalaiSocket, number>();
  const people = redis ? redisCounts(redis.client, redis.prefix) : memoryCounts();
  return {
    async wait(socket, name) {
      const kind = REQUEST_KINDS[name];
      if (kind === 'signal') return 0;
      const e = env();
      const windowMs = e.BALAI_LIMIT_REQUEST_WINDOW_SECONDS * 1000;
      const now = performance.now();
      if (kind === 'read') return take(reads, socket, e.BALAI_LIMIT_SOCKET_READS, windowMs, now);
      const socketWait = take(writes, socket, e.BALAI_LIMIT_SOCKET_WRITES, windowMs, now);
      if (socketWait > 0) return socketWait;
      const { count, resetInMs } = await people.hit(socket.data.userId, windowMs);
      return count > e.BALAI_LIMIT_PERSON_WRITES ? resetInMs : 0;
    },
    close: () => people.close(),
  };
}

// One limiter per Socket.IO server (tests run several servers in one process).
const limiters = new WeakMap<BalaiServer, RequestLimiter>();
export const setRequestLimiter = (io: BalaiServer, limiter: RequestLimiter) => limiters.set(io, limiter);
export const requestLimiterOf = (io: BalaiServer): RequestLimiter | undefined => limiters.get(io);
