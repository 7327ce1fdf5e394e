'use client';
import type { Ack } from '@/lib/contracts/define';
import type { ClientEventName, ClientPayload, ClientResult } from '@/lib/contracts/realtime';
import { DROPPED, realtime, sendOn, type BalaiClientSocket } from '../../_lib/realtime-client';
import { noAnswerText } from '../../_lib/no-answer-text';

/** A UUID v4 even where crypto.randomUUID is missing (plain-http pages on a phone in the hall are not a secure context). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Sends a mutation and retries it with the same payload (so the same
 * client-generated id) when no ack arrives: the server applies it once. A
 * dropped connection is retried as soon as it is back, not after a timeout,
 * after a short random pause so a reconnect wave does not resend in one burst.
 */
export async function mutate<K extends ClientEventName>(name: K, payload: ClientPayload<K>, attempts = 4): Promise<Ack<ClientResult<K>>> {
  return mutateOn(realtime(), name, payload, attempts);
}

/** `mutate` on a given connection (the tab's own, or a benchmark's many). */
export async function mutateOn<K extends ClientEventName>(socket: BalaiClientSocket, name: K, payload: ClientPayload<K>, attempts = 4): Promise<Ack<ClientResult<K>>> {
  for (let i = 0; i < attempts; i++) {
    try {
      const answer = await sendOn(socket, name, payload, 8000);
      if (answer !== DROPPED) return answer;
    } catch {
      // No ack in time: try again below.
    }
    if (!socket.connected) await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
  }
  return { ok: false, error: { code: 'internal', message: noAnswerText() } };
}
