import type { types } from 'mediasoup';
import { DomainError } from '../../lib/errors';
import type { LiveRoom } from '../sfu/live-room';
import { webRtcTransportOptions } from '../sfu/config';

/**
 * A socket that receives from a live room without being a peer of it: one receiving transport on the
 * room's first router and at most one consumer. Hall phones listening to an interpretation channel and
 * projectors showing the sign-language interpreter are such receivers, so they add no tiles, no floor
 * audio and no access to anything else of the room.
 */
export interface OneWayReceiver {
  socketId: string;
  room: LiveRoom;
  transport: types.WebRtcTransport;
  consumer: types.Consumer | null;
}

/** The receivers of one kind, by socket id (kept on globalThis: Next.js and the server share the process, each with its own module copies). */
export function oneWayReceivers<R extends OneWayReceiver>(kind: string) {
  const key = Symbol.for(`balai.interpretation.${kind}`);
  const receivers: Map<string, R> = ((globalThis as { [key: symbol]: Map<string, R> | undefined })[key] ??= new Map());

  function close(socketId: string): void {
    const r = receivers.get(socketId);
    if (!r) return;
    receivers.delete(socketId);
    r.transport.close();
  }

  return {
    /** Opens the socket's transport (closing one it had); `onClosed` runs when the transport closes under it (the room closed). */
    async open(socketId: string, room: LiveRoom, extra: Omit<R, keyof OneWayReceiver>, onClosed: () => void): Promise<R> {
      close(socketId);
      const server = (room.router.appData as { webRtcServer?: types.WebRtcServer }).webRtcServer;
      const transport = await room.router.createWebRtcTransport({ ...webRtcTransportOptions(server), appData: { direction: 'recv', [kind]: socketId } });
      const receiver = { ...extra, socketId, room, transport, consumer: null } as unknown as R;
      receivers.set(socketId, receiver);
      transport.observer.once('close', () => {
        if (receivers.get(socketId) !== receiver) return;
        receivers.delete(socketId);
        onClosed();
      });
      return receiver;
    },
    /** The socket's open receiver; refused when there is none (the room is not live). */
    of(socketId: string): R {
      const r = receivers.get(socketId);
      if (!r || r.transport.closed) throw new DomainError('conflict', 'language.notLive');
      return r;
    },
    close,
    /** For tests and the people count: the receivers in one live room. */
    in(room: LiveRoom): R[] {
      return [...receivers.values()].filter((r) => r.room === room);
    },
  };
}
