import { DomainError } from '../../lib/errors';
import os from 'node:os';
import type { types } from 'mediasoup';
import { env } from '../../lib/env';
import { webRtcServerListenInfos } from './config';

/**
 * The mediasoup workers of this process (one per CPU core unless
 * MEDIASOUP_WORKERS says otherwise). Routers are placed on the worker that
 * carries the fewest of them.
 *
 * A worker that dies is replaced in its slot at once (same WebRtcServer port);
 * a slot whose workers keep dying young waits longer each time (back-off), so a
 * crash loop does not eat the machine. The rooms of a dead worker close with
 * its routers; rooms.ts tells their browsers, which join again and land on a
 * live worker (a router request waits a little for a replacement when none is
 * running).
 */
interface PooledWorker {
  worker: types.Worker;
  routers: number;
  webRtcServer?: types.WebRtcServer;
}

interface Slot {
  index: number;
  entry: PooledWorker | null;
  /** Consecutive deaths of workers that lived shorter than STABLE_MS. */
  failures: number;
  startedAt: number;
  respawn?: NodeJS.Timeout;
}

interface Pool {
  slots: Slot[];
  stopped: boolean;
  /** Router requests waiting for a worker to come back. */
  waiting: Array<() => void>;
  diedListeners: Array<(pid: number) => void>;
}

/** A worker that lived this long was healthy: its death restarts the back-off. */
const STABLE_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;
/** How long a router request waits for a replacement worker before it fails. */
const WAIT_FOR_WORKER_MS = 10_000;

const KEY = Symbol.for('balai.sfu.workers');
type Holder = { [KEY]?: Pool };
const holder = globalThis as Holder;

/** The wait before a slot's next worker starts, after `failures` young deaths in a row. */
export function respawnDelay(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(MAX_BACKOFF_MS, 250 * 2 ** (failures - 1));
}

async function spawn(pool: Pool, slot: Slot): Promise<void> {
  const mediasoup = await import('mediasoup');
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  if (pool.stopped) {
    worker.close();
    return;
  }
  const entry: PooledWorker = { worker, routers: 0 };
  const listenInfos = webRtcServerListenInfos(slot.index);
  try {
    if (listenInfos) entry.webRtcServer = await worker.createWebRtcServer({ listenInfos });
  } catch (err) {
    worker.close();
    throw err;
  }
  slot.entry = entry;
  slot.startedAt = Date.now();
  worker.on('died', (err) => {
    console.error(`[sfu] mediasoup worker ${worker.pid} died`, err);
    if (slot.entry === entry) slot.entry = null;
    for (const l of pool.diedListeners) l(worker.pid);
    if (pool.stopped) return;
    slot.failures = Date.now() - slot.startedAt < STABLE_MS ? slot.failures + 1 : 1;
    scheduleRespawn(pool, slot);
  });
  for (const wake of pool.waiting.splice(0)) wake();
}

function scheduleRespawn(pool: Pool, slot: Slot): void {
  const delay = respawnDelay(slot.failures);
  if (delay > 0) console.warn(`[sfu] worker slot ${slot.index}: restarting in ${delay} ms (${slot.failures} quick deaths in a row)`);
  slot.respawn = setTimeout(() => {
    slot.respawn = undefined;
    if (pool.stopped) return;
    spawn(pool, slot).then(
      () => console.log(`[sfu] worker slot ${slot.index}: replaced by worker ${slot.entry?.worker.pid}`),
      (err: unknown) => {
        console.error(`[sfu] worker slot ${slot.index}: could not start a worker`, err);
        slot.failures++;
        scheduleRespawn(pool, slot);
      },
    );
  }, delay);
}

export async function startWorkerPool(): Promise<number> {
  if (holder[KEY]) return holder[KEY].slots.length;
  const configured = env().MEDIASOUP_WORKERS;
  const count = configured > 0 ? configured : Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const pool: Pool = { slots: [], stopped: false, waiting: [], diedListeners: [] };
  holder[KEY] = pool;
  try {
    for (let i = 0; i < count; i++) {
      const slot: Slot = { index: i, entry: null, failures: 0, startedAt: 0 };
      pool.slots.push(slot);
      await spawn(pool, slot);
    }
  } catch (err) {
    await stopWorkerPool();
    throw new Error(
      `Could not start the mediasoup worker (${err instanceof Error ? err.message : String(err)}). Run \`node scripts/ensure-mediasoup-worker.mjs\` to install it.`,
    );
  }
  return count;
}

export async function stopWorkerPool(): Promise<void> {
  const pool = holder[KEY];
  holder[KEY] = undefined;
  if (!pool) return;
  pool.stopped = true;
  for (const slot of pool.slots) {
    clearTimeout(slot.respawn);
    slot.entry?.worker.close();
    slot.entry = null;
  }
  for (const wake of pool.waiting.splice(0)) wake();
}

function live(pool: Pool | undefined): PooledWorker[] {
  return (pool?.slots ?? []).flatMap((s) => (s.entry && !s.entry.worker.closed ? [s.entry] : []));
}

/** Resolves once some worker runs (at once if one does); false after `ms` or when the pool stopped. */
async function someWorker(ms: number): Promise<boolean> {
  const pool = holder[KEY];
  if (!pool || pool.stopped) return false;
  if (live(pool).length) return true;
  const respawning = pool.slots.some((s) => s.respawn || !s.entry);
  if (!respawning) return false;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      const at = pool!.waiting.indexOf(done);
      if (at >= 0) pool!.waiting.splice(at, 1);
      resolve();
    }
    pool.waiting.push(done);
  });
  return live(holder[KEY]).length > 0;
}

/** Creates a router on the least loaded worker, preferring workers that do not carry `avoid` (the room's other routers). */
export async function createRouter(mediaCodecs: types.RouterRtpCodecCapability[], avoid: types.Router[] = []): Promise<types.Router> {
  // Between a worker's death and its replacement (milliseconds, longer in a crash loop) a join waits rather than fails.
  if (!(await someWorker(WAIT_FOR_WORKER_MS))) throw new DomainError('internal', 'media.noMediaWorker');
  const pool = live(holder[KEY]);
  const busy = new Set(avoid.map((r) => (r.appData as { workerPid?: number }).workerPid));
  const fresh = pool.filter((e) => !busy.has(e.worker.pid));
  const entry = (fresh.length ? fresh : pool).reduce((a, b) => (b.routers < a.routers ? b : a));
  const router = await entry.worker.createRouter({ mediaCodecs, appData: { workerPid: entry.worker.pid, webRtcServer: entry.webRtcServer } });
  entry.routers++;
  router.observer.once('close', () => {
    entry.routers--;
  });
  return router;
}

/** Whether some worker carries none of these routers (a room can spread there). */
export function hasSpareWorker(routers: types.Router[]): boolean {
  const busy = new Set(routers.map((r) => (r.appData as { workerPid?: number }).workerPid));
  return live(holder[KEY]).some((e) => !busy.has(e.worker.pid));
}

/** Called with the pid of every worker that dies (the node's health and logs). Returns an unsubscribe. */
export function onWorkerDied(listener: (pid: number) => void): () => void {
  const pool = holder[KEY];
  if (!pool) return () => undefined;
  pool.diedListeners.push(listener);
  return () => {
    const at = pool.diedListeners.indexOf(listener);
    if (at >= 0) pool.diedListeners.splice(at, 1);
  };
}

/** The running workers (for resource usage in benchmarks, health checks and tests that kill one). */
export function poolWorkers(): types.Worker[] {
  return live(holder[KEY]).map((e) => e.worker);
}

export function workerCount(): number {
  return live(holder[KEY]).length;
}
