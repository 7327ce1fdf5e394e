'use client';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@/lib/contracts/define';
import { noAnswerText } from './no-answer-text';
import { markOutdated } from './outdated-client';
import { PROTOCOL_VERSION } from '@/lib/contracts/protocol';
import { tabState } from './tab-state';
import type { ClientEventName, ClientPayload, ClientResult, ClientToServerEvents, ServerToClientEvents } from '@/lib/contracts/realtime';

export type BalaiClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One connection per tab, shared with the call's boot script (tab-state.ts). */
const tab = tabState('realtime', () => ({ shared: undefined as BalaiClientSocket | undefined, displayToken: undefined as string | undefined, priority: null as Promise<void> | null }));

/** A projector's page opens its connection with its display link's token instead of a session cookie. Call before the first `realtime()`. */
export function setDisplayToken(token: string): void {
  tab.displayToken = token;
}

/**
 * How a tab reconnects: about 1 s, 2 s, then every 1.5–3 s, at random, so a
 * restarted server is not hit by every tab in the same instant and nobody waits
 * more than 3 s once it is back (a 5 s cap put most of a crash's recovery time
 * into the last wait). bench/restart-recovery connects with it too.
 */
export const RECONNECTION = { reconnectionDelay: 1000, reconnectionDelayMax: 3000, randomizationFactor: 0.5 } as const;

/**
 * Socket.IO applies its jitter before the cap, so once the delays reach the cap
 * every tab that dropped at the same moment (a crash) retries in step. A random
 * cap per attempt keeps them spread.
 */
export function spreadReconnects(socket: BalaiClientSocket): void {
  socket.io.on('reconnect_attempt', () => socket.io.reconnectionDelayMax(RECONNECTION.reconnectionDelayMax * (0.5 + Math.random() * 0.5)));
}

/** One connection per tab, authenticated by the session cookie the browser sends with it. */
export function realtime(): BalaiClientSocket {
  if (!tab.shared) {
    const shared = (tab.shared = io({
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket', 'polling'],
      ...RECONNECTION,
      auth: { protocol: PROTOCOL_VERSION, ...(tab.displayToken ? { displayToken: tab.displayToken } : {}) },
    }));
    // A server with another contract refuses this tab's code for good (Socket.IO does not retry a refused handshake).
    shared.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      if (err.data?.code === 'outdated_client') markOutdated(err.data.message ?? err.message);
    });
    spreadReconnects(shared);
    // For bench/join-time: when the page opened its connection and when it was up.
    performance.mark('balai:socket-open');
    shared.once('connect', () => performance.mark('balai:socket-connected'));
    // The node is shutting down: reconnect (through the load balancer, to another node) at a random moment
    // within the notice, so the others are not hit by everyone at once. Every page re-joins on 'connect'.
    shared.on('node:drain-started', ({ moveWithinMs }) => {
      setTimeout(() => {
        shared.disconnect();
        shared.connect();
      }, Math.random() * moveWithinMs);
    });
  }
  return tab.shared;
}

/** Listeners for a socket's notices and its own connection events, by event name. */
export type Listeners = { [K in keyof ServerToClientEvents]?: ServerToClientEvents[K] } & {
  connect?: () => void;
  disconnect?: (reason: string) => void;
  connect_error?: (err: Error) => void;
};

/** Subscribes every listener; the function it returns takes them all off again (an effect's cleanup). */
export function listen(socket: BalaiClientSocket, listeners: Listeners): () => void {
  const entries = Object.entries(listeners).filter(([, f]) => f) as Array<[string, (...args: unknown[]) => void]>;
  const untyped = socket as unknown as { on(name: string, f: (...args: unknown[]) => void): void; off(name: string, f: (...args: unknown[]) => void): void };
  for (const [name, f] of entries) untyped.on(name, f);
  return () => {
    for (const [name, f] of entries) untyped.off(name, f);
  };
}

/** What `send` answers when the connection dropped after the request left: its ack can never arrive. */
export const DROPPED = Symbol('dropped');

/**
 * Emits one request and waits for its ack, but no longer than the connection
 * it went out on: Socket.IO acks do not survive a reconnect, so waiting out
 * the timeout after a drop only delays the retry (after a server restart,
 * hundreds of clients did exactly that). A request emitted while offline sits
 * in Socket.IO's buffer and goes out on the next connection; it counts as
 * sent from then on. A timeout rejects, as emitWithAck does.
 */
export function send<K extends ClientEventName>(name: K, payload: ClientPayload<K>, timeoutMs: number): Promise<Ack<ClientResult<K>> | typeof DROPPED> {
  const gate = tab.priority;
  if (gate && !name.startsWith('media:')) return gate.then(() => sendOn(realtime(), name, payload, timeoutMs));
  return sendOn(realtime(), name, payload, timeoutMs);
}

/**
 * The call goes first (issue 10.8: join in the time of a bare mediasoup page). When the session page
 * connects, a dozen panels (presence, Q&A, polls, chat, lobby, recording…) subscribe at the same moment,
 * and the server answered the media join after them. While a media join is being set up (`prioritize`),
 * the tab's other requests wait for it; media requests never wait. Never longer than PRIORITY_MAX_MS, so a
 * join that hangs holds nothing up for long, and nothing is dropped: the requests only go out later.
 */
export const PRIORITY_MAX_MS = 2_000;

export function prioritize(work: Promise<unknown>): void {
  const gate = Promise.race([work.then(noop, noop), new Promise<void>((resolve) => setTimeout(resolve, PRIORITY_MAX_MS))]);
  tab.priority = gate;
  void gate.then(() => {
    if (tab.priority === gate) tab.priority = null;
  });
}

const noop = () => undefined;

/** `send` on a given connection (the tab's own, or a benchmark's many). */
export function sendOn<K extends ClientEventName>(
  socket: BalaiClientSocket,
  name: K,
  payload: ClientPayload<K>,
  timeoutMs: number,
): Promise<Ack<ClientResult<K>> | typeof DROPPED> {
  let sent = socket.connected;
  const onConnect = () => (sent = true);
  let onDisconnect = () => {};
  const dropped = new Promise<typeof DROPPED>((resolve) => {
    onDisconnect = () => sent && resolve(DROPPED);
  });
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emitWithAck.bind(timed) as unknown as (n: K, p: ClientPayload<K>) => Promise<Ack<ClientResult<K>>>;
  return Promise.race([emit(name, payload), dropped]).finally(() => {
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
  });
}

/** A request with an ack and a timeout; a timeout or a dropped connection is reported like any other error. */
export async function request<K extends ClientEventName>(name: K, payload: ClientPayload<K>, timeoutMs = 10_000): Promise<Ack<ClientResult<K>>> {
  try {
    const answer = await send(name, payload, timeoutMs);
    if (answer !== DROPPED) return answer;
  } catch {
    // No answer in time: reported below.
  }
  return { ok: false, error: { code: 'internal', message: noAnswerText() } };
}
