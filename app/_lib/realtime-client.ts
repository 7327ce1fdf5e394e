'use client';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@/lib/contracts/define';
import { noAnswerText } from './no-answer-text';
import type { ClientEventName, ClientPayload, ClientResult, ClientToServerEvents, ServerToClientEvents } from '@/lib/contracts/realtime';

export type BalaiClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: BalaiClientSocket | undefined;

/** One connection per tab, authenticated by the session cookie the browser sends with it. */
export function realtime(): BalaiClientSocket {
  if (!shared) {
    shared = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    // For bench/join-time: when the first connection of the page was up.
    shared.once('connect', () => performance.mark('balai:socket-connected'));
  }
  return shared;
}

/** A request with an ack and a timeout; a timeout is reported like any other error. */
export async function request<K extends ClientEventName>(name: K, payload: ClientPayload<K>, timeoutMs = 10_000): Promise<Ack<ClientResult<K>>> {
  const socket = realtime();
  try {
    const timed = socket.timeout(timeoutMs);
    const emit = timed.emitWithAck.bind(timed) as unknown as (n: K, p: ClientPayload<K>) => Promise<Ack<ClientResult<K>>>;
    return await emit(name, payload);
  } catch {
    return { ok: false, error: { code: 'internal', message: noAnswerText() } };
  }
}
