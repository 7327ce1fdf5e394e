import { DomainError } from '../../lib/errors';
import os from 'node:os';
import type { types } from 'mediasoup';
import { env } from '../../lib/env';
import { webRtcServerListenInfos } from './config';

/**
 * The mediasoup workers of this process (one per CPU core unless
 * MEDIASOUP_WORKERS says otherwise). Routers are placed on the worker that
 * carries the fewest of them. A worker that dies takes its rooms with it; the
 * pool logs it and stops handing it out, and the browsers re-join.
 */
interface PooledWorker {
  worker: types.Worker;
  routers: number;
  webRtcServer?: types.WebRtcServer;
}

const KEY = Symbol.for('balai.sfu.workers');
type Holder = { [KEY]?: PooledWorker[] };
const holder = globalThis as Holder;

export async function startWorkerPool(): Promise<number> {
  if (holder[KEY]) return holder[KEY].length;
  const mediasoup = await import('mediasoup');
  const configured = env().MEDIASOUP_WORKERS;
  const count = configured > 0 ? configured : Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const pool: PooledWorker[] = [];
  holder[KEY] = pool;
  try {
    for (let i = 0; i < count; i++) {
      const worker = await mediasoup.createWorker({ logLevel: 'warn' });
      const entry: PooledWorker = { worker, routers: 0 };
      const listenInfos = webRtcServerListenInfos(i);
      if (listenInfos) entry.webRtcServer = await worker.createWebRtcServer({ listenInfos });
      worker.on('died', (err) => {
        console.error(`[sfu] mediasoup worker ${worker.pid} died`, err);
        const at = pool.indexOf(entry);
        if (at >= 0) pool.splice(at, 1);
      });
      pool.push(entry);
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
  for (const { worker } of pool ?? []) worker.close();
}

/** Creates a router on the least loaded worker, preferring workers that do not carry `avoid` (the room's other routers). */
export async function createRouter(mediaCodecs: types.RouterRtpCodecCapability[], avoid: types.Router[] = []): Promise<types.Router> {
  const pool = holder[KEY];
  if (!pool?.length) throw new DomainError('internal', 'media.noMediaWorker');
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
  return (holder[KEY] ?? []).some((e) => !busy.has(e.worker.pid));
}

/** The running workers (for resource usage in benchmarks and health checks). */
export function poolWorkers(): types.Worker[] {
  return (holder[KEY] ?? []).map((e) => e.worker);
}

export function workerCount(): number {
  return holder[KEY]?.length ?? 0;
}
