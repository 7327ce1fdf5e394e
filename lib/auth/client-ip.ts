import type { IncomingMessage } from 'node:http';

/**
 * The header the custom server (server/app-server.ts) sets on every request
 * to the client's address, replacing anything the client sent, so pages and
 * server actions can count attempts per address.
 */
export const CLIENT_IP_HEADER = 'x-balai-client-ip';

/** The socket's address, or with TRUST_PROXY the last X-Forwarded-For entry (the one our proxy added). */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length) return list[list.length - 1]!;
  }
  return (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

/** The client's address in a server action or route handler (from the header above). */
export async function requestAddress(): Promise<string> {
  const { headers } = await import('next/headers');
  return (await headers()).get(CLIENT_IP_HEADER) ?? 'unknown';
}
