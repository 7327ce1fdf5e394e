import type { IncomingMessage, ServerResponse } from 'node:http';
import { publish, unpublish, WhipRefusal } from '../streaming/whip';

/**
 * The WHIP endpoint (RFC 9725), answered by the Node server before Next.js: a mixer is no browser
 * with a session cookie, it proves itself with the session's bearer token. `/whip/<session>`
 * takes POST (SDP offer → 201 + SDP answer + Location) and OPTIONS (CORS preflight, for WHIP
 * clients in a browser); `/whip/<session>/<resource>` takes DELETE. Trickle ICE and ICE restarts
 * (PATCH) are not offered: mediasoup is ICE-lite, and the answer carries every candidate.
 */

const ENDPOINT = /^\/whip\/([0-9a-f-]{36})(?:\/([0-9a-f-]{36}))?\/?$/i;
const MAX_OFFER_BYTES = 32 * 1024;

export const whipPath = (sessionId: string) => `/whip/${sessionId}`;

function cors(res: ServerResponse): void {
  // Bearer-token requests carry no cookies, so any origin may call; the token is the credential.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Expose-Headers', 'Location, ETag');
}

function reply(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped (the server's body limit bounds it), then refused.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_OFFER_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_OFFER_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers a WHIP request and returns true, or returns false for any other path. */
export function handleWhip(req: IncomingMessage, res: ServerResponse): boolean {
  const match = ENDPOINT.exec((req.url ?? '').split('?')[0] ?? '');
  if (!match) return false;
  const [, sessionId, resourceId] = match as unknown as [string, string, string | undefined];
  cors(res);
  void answer(req, res, sessionId!, resourceId).catch((err: unknown) => {
    console.error(`[whip ${sessionId}] request failed`, err);
    if (!res.headersSent) reply(res, 500, 'The input failed; the session goes on.');
    else res.end();
  });
  return true;
}

async function answer(req: IncomingMessage, res: ServerResponse, sessionId: string, resourceId: string | undefined): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') return reply(res, 204, '', { Allow: resourceId ? 'DELETE, OPTIONS' : 'POST, OPTIONS' });
  try {
    if (!resourceId && method === 'POST') {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/sdp') return reply(res, 415, 'The offer must be sent as application/sdp.');
      const body = await readBody(req);
      if (body === null) return reply(res, 413, 'The offer is too large.', { Connection: 'close' });
      const { resourceId: id, answer: sdp } = await publish(sessionId, req.headers.authorization, body);
      return reply(res, 201, sdp, { 'Content-Type': 'application/sdp', Location: `${whipPath(sessionId)}/${id}`, ETag: `"${id}"` });
    }
    if (resourceId && method === 'DELETE') {
      await unpublish(sessionId, req.headers.authorization, resourceId);
      return reply(res, 200, '');
    }
    return reply(res, 405, 'Method not allowed.', { Allow: resourceId ? 'DELETE, OPTIONS' : 'POST, OPTIONS' });
  } catch (err) {
    if (!(err instanceof WhipRefusal)) throw err;
    return reply(res, err.status, err.message, err.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
  }
}
