import http from 'node:http';
import type { Socket } from 'node:net';
import httpProxy from 'http-proxy';

/**
 * A small load balancer in front of Balai nodes, as the README's deployment
 * has one: HTTP and WebSocket upgrades proxied (http-proxy), sticky by a
 * cookie it sets on the first answer, and a node that is down (its health
 * check fails, or a connection to it is refused) is skipped: the request goes
 * to a live node and the cookie follows. What HAProxy's `cookie … insert` with
 * `option redispatch` does, small enough to live in a test.
 */
export const STICKY_COOKIE = 'balai_node';

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

const HEALTH_EVERY_MS = 500;

function cookieOf(req: http.IncomingMessage): number | undefined {
  const match = /(?:^|;\s*)balai_node=(\d+)/.exec(req.headers.cookie ?? '');
  return match ? Number(match[1]) : undefined;
}

export async function startStickyBalancer(port: number, targets: string[]): Promise<Balancer> {
  const proxy = httpProxy.createProxyServer({ xfwd: true, ws: true });
  const alive = targets.map(() => true);
  let nextNew = 0;

  /** The browser's node while it lives; otherwise (new browser, or its node is down) the next live one in turn. */
  const pick = (req: http.IncomingMessage, except?: number): number | undefined => {
    const wanted = cookieOf(req);
    if (wanted !== undefined && wanted !== except && alive[wanted]) return wanted;
    for (let i = 0; i < targets.length; i++) {
      const candidate = (nextNew + i) % targets.length;
      if (alive[candidate] && candidate !== except) {
        nextNew = candidate + 1;
        return candidate;
      }
    }
    return undefined;
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, except?: number): void => {
    const node = pick(req, except);
    if (node === undefined) {
      res.writeHead(503).end('no live node');
      return;
    }
    // The cookie names the node that answered; a browser whose node died moves with it.
    if (cookieOf(req) !== node) res.setHeader('set-cookie', `${STICKY_COOKIE}=${node}; Path=/; HttpOnly; SameSite=Lax`);
    proxy.web(req, res, { target: targets[node] }, (err) => {
      if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') alive[node] = false;
      // Refused before anything was answered: a request without a body goes to another node (redispatch).
      const again = (req.method === 'GET' || req.method === 'HEAD') && (err as NodeJS.ErrnoException).code === 'ECONNREFUSED';
      if (again && !res.headersSent) forward(req, res, node);
      else res.destroy();
    });
  };

  // A WebSocket whose node is refused or dies is closed (http-proxy ends the browser's side): Socket.IO's
  // reconnection comes back here and is sent to a live node.
  const upgrade = (req: http.IncomingMessage, socket: Socket, head: Buffer): void => {
    const node = pick(req);
    if (node === undefined) {
      socket.destroy();
      return;
    }
    proxy.ws(req, socket, head, { target: targets[node] }, (err) => {
      if (['ECONNREFUSED', 'ECONNRESET'].includes((err as NodeJS.ErrnoException).code ?? '')) alive[node] = false;
    });
  };

  const server = http.createServer((req, res) => forward(req, res));
  server.on('upgrade', (req, socket, head) => upgrade(req, socket as Socket, head));

  // Health checks bring a node back (or take it out) without waiting for a refused request. A slow answer
  // (a busy machine) changes nothing; a refused connection or a draining node's 503 takes it out.
  const checks = setInterval(() => {
    targets.forEach((target, i) => {
      fetch(`${target}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => (alive[i] = r.ok),
        (err: unknown) => {
          const cause = (err as { cause?: { code?: string } }).cause;
          if (cause?.code === 'ECONNREFUSED') alive[i] = false;
        },
      );
    });
  }, HEALTH_EVERY_MS);

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${port}`,
    async close() {
      clearInterval(checks);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      proxy.close();
    },
  };
}
