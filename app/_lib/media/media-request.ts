'use client';
import type { ClientEventName, ClientPayload, ClientResult } from '@/lib/contracts/realtime';
import { request } from '../realtime-client';

export class RequestFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What to tell the person about a failure: a server refusal already speaks the
 * reader's language; anything else (mediasoup-client, WebRTC, the browser) is
 * the library's English, so the UI says it in its own words (null).
 */
export const refusalText = (err: unknown): string | null => (err instanceof RequestFailed ? err.message : null);

export async function call<K extends ClientEventName>(name: K, payload: ClientPayload<K>): Promise<ClientResult<K>> {
  const res = await request(name, payload);
  if (!res.ok) throw new RequestFailed(res.error.code, res.error.message);
  return res.data;
}
