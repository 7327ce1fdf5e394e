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
import { DomainError, errorMessage } from '../../lib/errors';
import { errorText, issueText } from '../../lib/i18n/error-text';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../lib/i18n/locales';
import { findUserById } from '../../lib/db/queries/users';

export interface SocketData {
  userId: string;
  name: string;
  /** The language the browser asked for at connection (cookie, else Accept-Language); the profile's wins. */
  browserLocale?: Locale;
  /** The programme session this socket has joined, if any. */
  sessionId?: string;
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

type Handler<K extends ClientEventName> = (caller: Caller, payload: ParsedClientPayload<K>) => Promise<ClientResult<K>>;

/**
 * Registers one request handler. In order: parse the payload with the
 * contract, take the caller from socket.data (set by the handshake), run the
 * handler (which checks permission from the database), ack. Every failure
 * becomes an error ack; nothing throws out of here.
 */
export function on<K extends ClientEventName>(io: BalaiServer, socket: BalaiSocket, name: K, handler: Handler<K>): void {
  const schema = clientEvents[name].payload;
  // Socket.IO passes whatever the client sent; the ack is the last argument if it is a function.
  // Typed loosely on purpose: the contract types describe honest clients, this listener must survive any.
  (socket as unknown as import('node:events').EventEmitter).on(name, async (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack: (res: Ack<ClientResult<K>>) => void =
      typeof last === 'function'
        ? (last as (res: Ack<ClientResult<K>>) => void)
        : (res) => {
            if (!res.ok) socket.emit('request:rejected', { event: name, ...res.error });
          };
    if (typeof last !== 'function') {
      ack({ ok: false, error: { code: 'invalid_payload', message: errorText(await callerLocale(socket), 'general.needsAck') } });
      return;
    }
    const parsed = schema.safeParse(args.length >= 2 ? args[0] : undefined);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const locale = await callerLocale(socket);
      const where = first?.path.length ? ` (${first.path.join('.')})` : '';
      ack({ ok: false, error: { code: 'invalid_payload', message: `${first ? issueText(first, locale) : errorText(locale, 'general.invalidPayload')}${where}` } });
      return;
    }
    try {
      const data = await handler({ userId: socket.data.userId, name: socket.data.name, socket, io }, parsed.data as ParsedClientPayload<K>);
      ack({ ok: true, data });
    } catch (err) {
      ack({ ok: false, error: await toAckError(err, name, socket) });
    }
  });
}

async function toAckError(err: unknown, name: string, socket: BalaiSocket) {
  if (err instanceof DomainError) return { code: err.code, message: errorMessage(err, await callerLocale(socket)) };
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
