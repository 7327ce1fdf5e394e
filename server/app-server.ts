import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { env } from '../lib/env';
import { CLIENT_IP_HEADER, clientAddress } from '../lib/auth/client-ip';
import { closeThrottle } from '../lib/auth/throttle';
import { closeDb, dbHandle } from '../lib/db/client';
import { seedDemo, type DemoAccount } from '../lib/db/seed-demo';
import { resolveAuthSecret } from './auth-secret';
import { startRealtime } from './realtime';
import { startWorkerPool, stopWorkerPool } from './sfu/worker-pool';
import { closeAllLiveRooms, stopTakingLiveRooms } from './sfu/rooms';
import { startMediaOut, stopMediaOut } from './recording/lifecycle';
import type { BalaiServer } from './realtime/handler';
import { admitBody, declaredBodyFits, LimitedRequest } from './http/body-limit';
import { handleWhip } from './http/whip-route';
import { disableAllWhip } from './streaming/whip';
import { requestSecurity, secureCookies, setSecurityHeaders, type SecurityConfig } from './http/security';
import { loadCallBoot, rewriteSessionPage, serveCallBoot, type CallBoot } from './http/call-boot-html';

export interface StartOptions {
  port?: number;
  hostname?: string;
  /** Serve the Next.js app too (integration tests run Socket.IO alone). */
  withNext?: boolean;
  dev?: boolean;
  seed?: boolean;
  /** Overrides REDIS_URL and REDIS_PREFIX; the prefix keeps separate test clusters apart on one Redis. */
  redis?: { url: string; prefix?: string };
  /** Overrides TRUST_PROXY (tests run servers behind and not behind a proxy in one process). */
  trustProxy?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  io: BalaiServer;
  http: HttpServer;
  demoAccounts: DemoAccount[];
  /** This node's name among the nodes sharing a Redis. */
  nodeId: string;
  /**
   * SIGTERM: stops taking new live rooms and connections (GET /healthz answers
   * 503, so the load balancer sends newcomers elsewhere), asks every client to
   * move to another node, and resolves once none is left or after `graceMs`.
   */
  drain(graceMs: number): Promise<void>;
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
  await startMediaOut();

  let draining = false;
  let handle: ((req: import('http').IncomingMessage, res: import('http').ServerResponse) => Promise<void>) | undefined;
  let upgrade: ((req: import('http').IncomingMessage, socket: import('stream').Duplex, head: Buffer) => Promise<void>) | undefined;
  let closeNext: (() => Promise<void>) | undefined;
  // The session page's call boot (issue 10.8), with a production build only.
  let callBoot: CallBoot | null = null;
  const security: SecurityConfig = { ...initial, TRUST_PROXY: options.trustProxy ?? initial.TRUST_PROXY };
  // Before Next.js sees a request: security headers on every response, and the body limits.
  const secureResponse = (req: LimitedRequest, res: ServerResponse) => {
    const secure = requestSecurity(req, security);
    setSecurityHeaders(req, res, secure);
    if (secure.https) secureCookies(res);
  };
  const http = createServer({ IncomingMessage: LimitedRequest }, (req, res) => {
    const request = req as LimitedRequest;
    // The address throttling counts under (lib/auth/client-ip.ts); whatever a client sent in this header is replaced.
    request.headers[CLIENT_IP_HEADER] = clientAddress(request, security.TRUST_PROXY);
    secureResponse(request, res);
    // The load balancer's health check: a draining node takes no newcomers.
    if (request.url === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
      res.statusCode = draining ? 503 : 200;
      res.setHeader('content-type', 'text/plain');
      res.end(draining ? 'draining' : 'ok');
      return;
    }
    const admitted = admitBody(request, res, initial);
    const pass = () => {
      // The hall mixer's WHIP input: bearer-token requests the Node server answers itself.
      if (handleWhip(request, res)) return;
      if (!handle) {
        res.statusCode = 404;
        res.end('Not found');
        return;
      }
      if (callBoot) {
        if (serveCallBoot(request, res, callBoot)) return;
        rewriteSessionPage(request, res, callBoot);
      }
      handle(request, res).catch((err: unknown) => {
        console.error('[http] request failed', err);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    };
    if (admitted === true) pass();
    else if (admitted !== false) void admitted.then((ok) => ok && pass());
  });
  // A client that asks before sending its body (Expect: 100-continue, as curl does for large
  // uploads) is refused before it sends a byte; otherwise told to go on, and the request takes
  // the usual way (Socket.IO's, or the handler above).
  http.on('checkContinue', (req: LimitedRequest, res: ServerResponse) => {
    secureResponse(req, res);
    if (!declaredBodyFits(req, res, initial)) return;
    res.writeContinue();
    http.emit('request', req, res);
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
    if (!dev) callBoot = loadCallBoot(ROOT);
    if (dev) {
      upgrade = app.getUpgradeHandler();
      http.on('upgrade', (req, socket, head) => {
        if (!req.url?.startsWith('/socket.io')) upgrade?.(req, socket, head).catch(() => socket.destroy());
      });
    }
    closeNext = () => app.close();
  }

  const nodeId = initial.BALAI_NODE_ID ?? `${os.hostname()}:${actualPort}:${process.pid}`;
  const allowedOrigins = [publicUrl, ...(initial.ALLOWED_ORIGINS?.split(',').map((o) => o.trim()) ?? [])];
  const realtime = await startRealtime(http, {
    secret: process.env.NEXTAUTH_SECRET,
    allowedOrigins,
    security,
    maxMessageBytes: initial.SOCKET_MESSAGE_LIMIT,
    redisUrl: options.redis?.url ?? initial.REDIS_URL,
    redisPrefix: options.redis?.prefix ?? initial.REDIS_PREFIX,
    nodeTimeoutSeconds: initial.BALAI_NODE_TIMEOUT_SECONDS,
    nodeId,
    sessionRecheckSeconds: initial.BALAI_SESSION_RECHECK_SECONDS,
  });

  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    io: realtime.io,
    http,
    demoAccounts,
    nodeId,
    async drain(graceMs) {
      draining = true;
      stopTakingLiveRooms();
      await realtime.drain(graceMs);
    },
    async close() {
      await realtime.close();
      await stopMediaOut();
      await disableAllWhip();
      await closeAllLiveRooms();
      await stopWorkerPool();
      await closeNext?.();
      await closeThrottle();
      await closeDb();
    },
  };
}
