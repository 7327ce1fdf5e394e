import type { Server, Socket } from 'socket.io';
import {
  clientEvents,
  type ClientEventName,
  type ClientResult,
  type ClientToServerEvents,
  type ParsedClientPayload,
  type ServerToClientEvents,
} from '../../lib/contracts/realtime';
import type { Ack } from '../../lib/contracts/define';
import { isUnstorableTextError, unstorableTextPath } from '../../lib/contracts/storable-text';
import { NotFoundError as MediaObjectGone } from 'mediasoup/errors';
import { DomainError, errorMessage, notFound, RateLimitedError } from '../../lib/errors';
import { errorText, issueText } from '../../lib/i18n/error-text';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../lib/i18n/locales';
import { findUserById } from '../../lib/db/queries/users';
import { requestLimiterOf } from './request-limit';
import { assertDeclared, authorizeRequest, type AnyDeclaration, type RequestActor, type ScopedDeclaration, type UnscopedDeclaration } from './pipeline';

export type { RequestActor, ScopedDeclaration, UnscopedDeclaration } from './pipeline';

export interface SocketData {
  userId: string;
  name: string;
  /** The signed-in session (auth_sessions) the socket was opened with; it drops when that session ends. */
  sid: string;
  /** The language the browser asked for at connection (cookie, else Accept-Language); the profile's wins. */
  browserLocale?: Locale;
  /** Set instead of a person when the socket was opened with a projector's display link. */
  display?: { linkId: string; sessionId: string };
  /** The programme session this socket has joined, if any. */
  sessionId?: string;
  /** The session whose watch-only stream this socket's page shows, and since when (server/realtime/watchers.ts). */
  watching?: { sessionId: string; since: string };
  /** Presence facts for the joined session, so fetchSockets() can list peers across processes. */
  peer?: import('../../lib/contracts/presence').Peer;
}

export type BalaiServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type BalaiSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Caller {
  userId: string;
  name: string;
  socket: BalaiSocket;
  io: BalaiServer;
}

/** A caller whose request named something inside an event: their standing there, resolved by the pipeline. */
export interface ActorCaller extends Caller {
  actor: RequestActor;
}

type Handler<K extends ClientEventName, C extends Caller = Caller> = (caller: C, payload: ParsedClientPayload<K>) => Promise<ClientResult<K>>;

type AnyHandler = (caller: Caller & { actor?: RequestActor }, payload: unknown) => Promise<unknown>;

interface Registered {
  declared: AnyDeclaration;
  run: AnyHandler;
}

/** Handlers defined once for the process (`handle`), shared by every person's socket. */
const shared = new Map<string, Registered>();
/** Per socket: the handlers registered for it alone (`on`), and whether the shared ones apply. */
interface Listening {
  own: Map<string, Registered>;
  shared: boolean;
}
const listening = new WeakMap<BalaiSocket, Listening>();
/**
 * What almost every person's socket listens with: the shared handlers and none
 * of its own. One object for all of them (never changed; `on` gives a socket
 * its own before adding to it), so an idle connection holds no map of its own.
 */
const SHARED_ONLY: Listening = Object.freeze({ own: new Map<string, Registered>(), shared: true });

function register(name: string, declared: unknown, handler: unknown): Registered {
  assertDeclared(name, declared);
  if (typeof handler !== 'function') throw new Error(`${name}: no handler`);
  return { declared: declared as AnyDeclaration, run: handler as AnyHandler };
}

/**
 * Defines the handler of one request for every person's socket, once for the
 * process: it finds the socket and server on its caller. Preferred to `on`,
 * which makes a handler per socket: with some hundred events, per-socket
 * closures were most of what an idle connection weighed.
 *
 * The declaration says where the request acts (the thing its payload names)
 * and which action of the permission table it needs; the pipeline resolves
 * the caller's actor there, checks `can()` and hands the actor to the
 * handler. A request that needs no role says so (`{ scope: 'self' }`).
 */
export function handle<K extends ClientEventName>(name: K, declared: ScopedDeclaration<K>, handler: Handler<K, ActorCaller>): void;
export function handle<K extends ClientEventName>(name: K, declared: UnscopedDeclaration, handler: Handler<K>): void;
export function handle(name: ClientEventName, declared: unknown, handler: unknown): void {
  if (shared.has(name)) throw new Error(`${name} is handled twice`);
  shared.set(name, register(name, declared, handler));
}

/**
 * Starts answering a socket's requests: one listener for all of them
 * (Socket.IO's onAny), dispatching to the shared handlers (a person's socket)
 * and to its own. A display link's socket gets only its own.
 */
export function listen(socket: BalaiSocket, withShared: boolean): Listening {
  let state = listening.get(socket);
  if (!state) {
    listening.set(socket, (state = withShared ? SHARED_ONLY : { own: new Map(), shared: false }));
    socket.onAny(onRequest);
  }
  return state;
}

/**
 * The one listener of every socket, the same function for all (Socket.IO calls
 * it with the socket as `this`): a closure per socket would be kept by every
 * idle connection. Socket.IO passes whatever the client sent; the ack is the
 * last argument if it is a function.
 */
function onRequest(this: BalaiSocket, event: string, ...args: unknown[]): void {
  void dispatch(this.nsp.server, this, listening.get(this)!, event, args);
}

/**
 * Registers one request handler for this socket alone (state it closes over,
 * or a socket that must not get the shared handlers). Every request, shared or
 * own, goes through `dispatch`: parse the payload with the contract, take the
 * caller from socket.data (set by the handshake), check the request limits,
 * resolve the actor and check permission as declared, run the handler, ack.
 * Every failure becomes an error ack; nothing throws out of here.
 */
export function on<K extends ClientEventName>(io: BalaiServer, socket: BalaiSocket, name: K, declared: ScopedDeclaration<K>, handler: Handler<K, ActorCaller>): void;
export function on<K extends ClientEventName>(io: BalaiServer, socket: BalaiSocket, name: K, declared: UnscopedDeclaration, handler: Handler<K>): void;
export function on(io: BalaiServer, socket: BalaiSocket, name: ClientEventName, declared: unknown, handler: unknown): void {
  let state = listen(socket, false);
  if (state === SHARED_ONLY) listening.set(socket, (state = { own: new Map(), shared: true }));
  state.own.set(name, register(name, declared, handler));
}

async function dispatch(io: BalaiServer, socket: BalaiSocket, state: Listening, event: string, args: unknown[]): Promise<void> {
  const handler = state.own.get(event) ?? (state.shared ? shared.get(event) : undefined);
  const last = args[args.length - 1];
  if (!handler) {
    // A name outside the contract is answered here; a contract name without a handler on this
    // socket is left to the socket's own listeners (a display link's refusals).
    if (typeof last === 'function' && !(event in clientEvents)) {
      (last as (res: Ack<never>) => void)({ ok: false, error: { code: 'invalid_payload', message: errorText(await callerLocale(socket), 'general.invalidPayload') } });
    }
    return;
  }
  const name = event as ClientEventName;
  // Typed loosely on purpose: the contract types describe honest clients, this listener must survive any.
  const ack: (res: Ack<unknown>) => void =
    typeof last === 'function'
      ? (last as (res: Ack<unknown>) => void)
      : (res) => {
          if (!res.ok) socket.emit('request:rejected', { event: name, ...res.error });
        };
  if (typeof last !== 'function') {
    ack({ ok: false, error: { code: 'invalid_payload', message: errorText(await callerLocale(socket), 'general.needsAck') } });
    return;
  }
  const parsed = clientEvents[name].payload.safeParse(args.length >= 2 ? args[0] : undefined);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const locale = await callerLocale(socket);
    const where = first?.path.length ? ` (${first.path.join('.')})` : '';
    ack({ ok: false, error: { code: 'invalid_payload', message: `${first ? issueText(first, locale) : errorText(locale, 'general.invalidPayload')}${where}` } });
    return;
  }
  const wait = await requestLimiterOf(io)?.wait(socket, name);
  if (wait) {
    ack({ ok: false, error: { code: 'rate_limited', message: errorText(await callerLocale(socket), 'general.tooManyRequests'), retryAfterMs: wait } });
    return;
  }
  const unstorable = unstorableTextPath(parsed.data);
  if (unstorable) {
    const where = unstorable.length ? ` (${unstorable.join('.')})` : '';
    ack({ ok: false, error: { code: 'invalid_payload', message: `${errorText(await callerLocale(socket), 'general.unstorableText')}${where}` } });
    return;
  }
  try {
    const caller = { userId: socket.data.userId, name: socket.data.name, socket, io };
    const actor = await authorizeRequest(socket, handler.declared, parsed.data);
    const data = await handler.run(actor ? { ...caller, actor } : caller, parsed.data);
    ack({ ok: true, data });
  } catch (err) {
    ack({ ok: false, error: await toAckError(err, name, socket) });
  }
}

async function toAckError(err: unknown, name: string, socket: BalaiSocket) {
  if (err instanceof RateLimitedError) return { code: err.code, message: errorMessage(err, await callerLocale(socket)), retryAfterMs: err.retryAfterMs };
  if (err instanceof DomainError) return { code: err.code, message: errorMessage(err, await callerLocale(socket)) };
  // A stream the request names closed in the media worker a moment before Node heard of it
  // (a consumer whose producer just left): the caller asked for something gone, not a server fault.
  // Text the database refused for its encoding (a path the check above does not see, e.g. a nested service read): the sender's fault.
  if (isUnstorableTextError(err)) return { code: 'invalid_payload' as const, message: errorText(await callerLocale(socket), 'general.unstorableText') };
  if (err instanceof MediaObjectGone) return toAckError(notFound('consumer'), name, socket);
  console.error(`[realtime] ${name} failed`, err);
  return { code: 'internal' as const, message: errorText(await callerLocale(socket), 'general.internal') };
}

/**
 * The language to answer in, read when an error happens: switching language
 * saves it to the profile while this socket stays open, so the profile is
 * fresher than anything the handshake saw. Errors are rare; one read is cheap.
 */
async function callerLocale(socket: BalaiSocket): Promise<Locale> {
  const user = await findUserById(socket.data.userId).catch(() => undefined);
  if (isLocale(user?.locale)) return user.locale;
  return socket.data.browserLocale ?? DEFAULT_LOCALE;
}

