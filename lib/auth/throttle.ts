import { createHash, randomInt } from 'node:crypto';
import { deleteStaleThrottleCounts, deleteThrottleCount, findThrottleCount, hitThrottleCount, unhitThrottleCount } from '../db/queries/auth-throttle';
import { waitMs, type BackoffRule, type Count } from '../domain/backoff';
import { env, type Env } from '../env';
import { redisNames } from '../redis-names';
import { DomainError } from '../errors';

/**
 * Throttling of everything that lets someone guess a secret (a password, an
 * event code, an invitation) or make accounts in bulk. Counts live in Redis
 * when REDIS_URL is set, else in the database, so every Balai process
 * enforces one limit. Limits come from the environment (README).
 */
export type ThrottleRule = 'signin-account' | 'signin-ip' | 'join-ip' | 'join-event' | 'signup-ip' | 'invite-ip';

const LIMIT_VAR: Record<ThrottleRule, keyof Env> = {
  'signin-account': 'BALAI_LIMIT_SIGNIN_ACCOUNT',
  'signin-ip': 'BALAI_LIMIT_SIGNIN_IP',
  'join-ip': 'BALAI_LIMIT_JOIN_IP',
  'join-event': 'BALAI_LIMIT_JOIN_EVENT',
  'signup-ip': 'BALAI_LIMIT_SIGNUP_IP',
  'invite-ip': 'BALAI_LIMIT_INVITE_IP',
};

export function ruleOf(rule: ThrottleRule): BackoffRule {
  const e = env();
  return { limit: e[LIMIT_VAR[rule]] as number, backoffMs: e.BALAI_LIMIT_BACKOFF_SECONDS * 1000, windowMs: e.BALAI_LIMIT_WINDOW_SECONDS * 1000 };
}

/** One key a rule counts under: an e-mail, an address, an event id. */
export interface Subject {
  rule: ThrottleRule;
  id: string;
}

/** Refused because of too many attempts; `retryAfterSeconds` is what the person is told to wait. */
export class ThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'rate_limited',
      retryAfterSeconds < 60 ? 'throttle.waitSeconds' : 'throttle.waitMinutes',
      retryAfterSeconds < 60 ? { seconds: retryAfterSeconds } : { minutes: Math.ceil(retryAfterSeconds / 60) },
    );
    this.name = 'ThrottledError';
  }
}

/** One counted attempt: the count with it, and when the attempt before it was made. */
export interface Hit {
  hits: number;
  /** Epoch milliseconds of the previous counted attempt (null: this one started the count). */
  previousAt: number | null;
}

export interface ThrottleStore {
  read(key: string): Promise<Count | null>;
  /**
   * Counts one attempt atomically (a count older than the window starts again at 1) and says
   * what it was counted after. Concurrent attempts get distinct counts: that is what lets a
   * burst of simultaneous guesses be decided one by one instead of all passing one check.
   */
  hit(key: string, windowMs: number): Promise<Hit>;
  /** Takes one counted attempt back (it turned out right: a successful sign-in, a code that exists). */
  unhit(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  close?(): Promise<void>;
}

// E-mails and addresses are kept only as hashes: the store needs to tell them apart, not to read them.
const keyOf = (s: Subject) => `${s.rule}:${createHash('sha256').update(s.id.trim().toLowerCase()).digest('base64url').slice(0, 32)}`;

/** An attempt that was let through; `succeeded()` takes it back from the given subjects' counts. */
export interface Attempt {
  succeeded(subjects?: Subject[]): Promise<void>;
}

export class Throttle {
  constructor(readonly store: ThrottleStore) {}

  /**
   * Counts this attempt under every subject first, then lets it through only if each subject's
   * count before it allowed one more: the n-th of fifty simultaneous guesses sees n-1 before it,
   * so no more than the limit get through, however many arrive at once. A refused attempt stays
   * counted (hammering a lock lengthens it); one that turns out right is taken back with
   * `succeeded()`, so a hall full of people signing in behind one address never adds up.
   */
  async attempt(subjects: Subject[]): Promise<Attempt> {
    const now = Date.now();
    const hits = await Promise.all(subjects.map((s) => this.store.hit(keyOf(s), ruleOf(s.rule).windowMs)));
    let longest = 0;
    subjects.forEach((s, i) => {
      const { hits: n, previousAt } = hits[i]!;
      const before: Count | null = previousAt === null ? null : { hits: n - 1, lastHitAt: previousAt };
      longest = Math.max(longest, waitMs(before, ruleOf(s.rule), now));
    });
    if (longest > 0) throw new ThrottledError(Math.ceil(longest / 1000));
    return {
      succeeded: async (which = subjects) => {
        for (const s of which) await this.store.unhit(keyOf(s));
      },
    };
  }

  async reset(subject: Subject): Promise<void> {
    await this.store.reset(keyOf(subject));
  }
}

/** Counts in the database (PostgreSQL or PGlite): one row per key, updated in one statement. */
export class DatabaseThrottleStore implements ThrottleStore {
  async read(key: string): Promise<Count | null> {
    const row = await findThrottleCount(key);
    return row ? { hits: row.hits, lastHitAt: row.lastHitAt.getTime() } : null;
  }

  async hit(key: string, windowMs: number): Promise<Hit> {
    const row = await hitThrottleCount(key, windowMs);
    // Forgotten counts are deleted now and then rather than by a timer.
    if (randomInt(100) === 0) await deleteStaleThrottleCounts(windowMs);
    return { hits: row.hits, previousAt: row.previousHitAt?.getTime() ?? null };
  }

  async unhit(key: string): Promise<void> {
    await unhitThrottleCount(key);
  }

  async reset(key: string): Promise<void> {
    await deleteThrottleCount(key);
  }
}

async function connectRedis(url: string) {
  const { createClient } = await import('redis');
  const client = createClient({ url });
  client.on('error', (err: unknown) => console.error('[throttle] redis', err));
  await client.connect();
  return client;
}

/** Counts in Redis: a hash per key that expires a window after its last attempt. */
export class RedisThrottleStore implements ThrottleStore {
  private client: ReturnType<typeof connectRedis>;

  constructor(url: string, private readonly prefix = redisNames().throttle) {
    this.client = connectRedis(url);
  }

  async read(key: string): Promise<Count | null> {
    const row = await (await this.client).hGetAll(this.prefix + key);
    return row.hits ? { hits: Number(row.hits), lastHitAt: Number(row.last) } : null;
  }

  async hit(key: string, windowMs: number): Promise<Hit> {
    const now = Date.now();
    // MULTI runs as one unit: the HGET sees the attempt before this one, the HINCRBY counts this one.
    const [previous, hits] = await (await this.client)
      .multi()
      .hGet(this.prefix + key, 'last')
      .hIncrBy(this.prefix + key, 'hits', 1)
      .hSet(this.prefix + key, 'last', String(now))
      .pExpire(this.prefix + key, windowMs)
      .exec();
    return { hits: Number(hits), previousAt: previous == null ? null : Number(previous) };
  }

  async unhit(key: string): Promise<void> {
    // Never below zero, and never bringing back a key that has expired meanwhile.
    await (await this.client).eval(
      "local n = redis.call('HGET', KEYS[1], 'hits') if n and tonumber(n) > 0 then redis.call('HINCRBY', KEYS[1], 'hits', -1) end return 0",
      { keys: [this.prefix + key] },
    );
  }

  async reset(key: string): Promise<void> {
    await (await this.client).del(this.prefix + key);
  }

  async close(): Promise<void> {
    await (await this.client).quit();
  }
}

// One instance per process, shared by the custom server and the Next.js bundle (separate module graphs).
const KEY = Symbol.for('balai.throttle');
const holder = globalThis as { [KEY]?: Throttle };

export function throttle(): Throttle {
  const url = env().REDIS_URL;
  holder[KEY] ??= new Throttle(url ? new RedisThrottleStore(url) : new DatabaseThrottleStore());
  return holder[KEY];
}

/** Closes the shared store (the server's shutdown). */
export async function closeThrottle(): Promise<void> {
  const current = holder[KEY];
  holder[KEY] = undefined;
  await current?.store.close?.();
}
