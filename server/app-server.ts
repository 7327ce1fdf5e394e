import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { env } from '../lib/env';
import { closeDb, dbHandle } from '../lib/db/client';
import { seedDemo, type DemoAccount } from '../lib/db/seed-demo';
import { resolveAuthSecret } from './auth-secret';
import { startRealtime } from './realtime';
import { startWorkerPool, stopWorkerPool } from './sfu/worker-pool';
import { closeAllLiveRooms } from './sfu/rooms';
import type { BalaiServer } from './realtime/handler';

export interface StartOptions {
  port?: number;
  hostname?: string;
  /** Serve the Next.js app too (integration tests run Socket.IO alone). */
  withNext?: boolean;
  dev?: boolean;
  seed?: boolean;
  /** Overrides REDIS_URL; the stream name keeps separate test clusters apart on one Redis. */
  redis?: { url: string; streamName?: string };
}

export interface RunningServer {
  url: string;
  port: number;
  io: BalaiServer;
  http: HttpServer;
  demoAccounts: DemoAccount[];
  close(): Promise<void>;
}

// npm scripts and tests run from the package root; the bundled server lives in dist/.
const ROOT = process.cwd();

/** Starts in a fixed order: env → database + migrations → mediasoup workers → Next.js → HTTP → Socket.IO. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const initial = env();
  const port = options.port ?? initial.PORT;
  const hostname = options.hostname ?? initial.HOST;
  process.env.NEXTAUTH_SECRET = resolveAuthSecret(initial.NEXTAUTH_SECRET, initial.BALAI_DATA_DIR);

  const database = await dbHandle();
  await database.migrate(path.join(ROOT, 'drizzle'));
  const seedMode = options.seed === false ? '0' : initial.BALAI_SEED_DEMO;
  const demoAccounts = seedMode === '0' ? [] : await seedDemo({ evenIfNotEmpty: seedMode === 'always' });
  // Workers before anything accepts connections: a live room needs a router the moment someone joins.
  // Without a worker Balai still serves everything but live media, and says why.
  await startWorkerPool().catch((err: unknown) => {
    console.warn(`\n[sfu] Live media is OFF: ${err instanceof Error ? err.message : String(err)}\n`);
  });

  let handle: ((req: import('http').IncomingMessage, res: import('http').ServerResponse) => Promise<void>) | undefined;
  let upgrade: ((req: import('http').IncomingMessage, socket: import('stream').Duplex, head: Buffer) => Promise<void>) | undefined;
  let closeNext: (() => Promise<void>) | undefined;
  const http = createServer((req, res) => {
    if (!handle) {
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    handle(req, res).catch((err: unknown) => {
      console.error('[http] request failed', err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, hostname, () => resolve());
  });
  const address = http.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const publicUrl = initial.NEXTAUTH_URL ?? `http://localhost:${actualPort}`;
  // next-auth builds callback URLs from NEXTAUTH_URL; set it before Next.js loads.
  process.env.NEXTAUTH_URL ??= publicUrl;

  if (options.withNext ?? true) {
    const { default: next } = await import('next');
    const dev = options.dev ?? initial.NODE_ENV !== 'production';
    const app = next({ dev, dir: ROOT, hostname: 'localhost', port: actualPort });
    await app.prepare();
    handle = app.getRequestHandler();
    if (dev) {
      upgrade = app.getUpgradeHandler();
      http.on('upgrade', (req, socket, head) => {
        if (!req.url?.startsWith('/socket.io')) upgrade?.(req, socket, head).catch(() => socket.destroy());
      });
    }
    closeNext = () => app.close();
  }

  const allowedOrigins = [publicUrl, ...(initial.ALLOWED_ORIGINS?.split(',').map((o) => o.trim()) ?? [])];
  const realtime = await startRealtime(http, {
    secret: process.env.NEXTAUTH_SECRET,
    allowedOrigins,
    redisUrl: options.redis?.url ?? initial.REDIS_URL,
    redisStreamName: options.redis?.streamName,
  });

  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    io: realtime.io,
    http,
    demoAccounts,
    async close() {
      await realtime.close();
      await closeAllLiveRooms();
      await stopWorkerPool();
      await closeNext?.();
      await closeDb();
    },
  };
}
