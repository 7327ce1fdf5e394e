import { rooms } from '../../lib/realtime/rooms';
import type { types } from 'mediasoup';
import { DISPLAY_LINK } from './pipeline';
import { sessionLanguagesOf } from '../../lib/db/queries/interpretation';
import { DomainError, forbidden } from '../../lib/errors';
import { closeSignReceiver, openSignReceiver, resumeSigner, signReceiverOf, watchSigner } from '../interpretation/sign-receivers';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { liveRoomsOfSession, mainRoomKey } from '../sfu/rooms';
import { handle, on, type BalaiServer, type BalaiSocket } from './handler';
import { iceServers } from './media';

/**
 * The sign-language interpreter on a projector's display link. The link's
 * session is the one its token belongs to (never one the socket names), and
 * the only stream it may consume is that session's signer's camera.
 */
export const SIGN_DISPLAY_REQUESTS = ['display:sign-open', 'display:sign-connect', 'display:sign-watch', 'display:sign-resume'] as const;

// A person's socket asking for the projector's stream is answered, not left hanging: these are a display link's.
for (const name of SIGN_DISPLAY_REQUESTS) {
  handle(name, { scope: 'none' }, async () => {
    throw forbidden('polls.displayOnly');
  });
}

export function registerSignDisplay(io: BalaiServer, socket: BalaiSocket, link: { sessionId: string }): void {
  const changed = () => socket.emit('display:sign-changed', {});
  void socket.join(rooms.signDisplay(link.sessionId));
  socket.on('disconnect', () => closeSignReceiver(socket.id));

  on(io, socket, 'display:sign-open', DISPLAY_LINK, async () => {
    // The hall's stage is the main room; it is live while anyone is in it.
    const room = liveRoomsOfSession(link.sessionId).find((r) => r.key === mainRoomKey(link.sessionId));
    if (!room) throw new DomainError('conflict', 'language.notLive');
    const receiver = await openSignReceiver(socket.id, link.sessionId, room, changed);
    const t = receiver.transport;
    return {
      routerRtpCapabilities: room.router.rtpCapabilities,
      transport: { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters, iceServers: iceServers() },
    };
  });

  on(io, socket, 'display:sign-connect', DISPLAY_LINK, async (_caller, { dtlsParameters }) => {
    await signReceiverOf(socket.id).transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
    return {};
  });

  on(io, socket, 'display:sign-watch', DISPLAY_LINK, async (_caller, { rtpCapabilities }) => {
    const watched = await watchSigner(signReceiverOf(socket.id), rtpCapabilities as types.RtpCapabilities, changed);
    if (!watched) return { signer: null };
    const { consumer, name } = watched;
    return { signer: { name, consumerId: consumer.id, producerId: consumer.producerId, kind: 'video' as const, rtpParameters: consumer.rtpParameters } };
  });

  on(io, socket, 'display:sign-resume', DISPLAY_LINK, async (_caller, { consumerId }) => {
    await resumeSigner(signReceiverOf(socket.id), consumerId);
    return {};
  });
}

/** The session's signer changed: its projectors watch again. */
export function signerChanged(io: BalaiServer, sessionId: string): void {
  io.to(rooms.signDisplay(sessionId)).emit('display:sign-changed', {});
}

/** A camera started in a live room: if it is the signer's on the hall's stage, the projectors pick it up. */
export async function cameraStarted(io: BalaiServer, room: LiveRoom, peer: LivePeer): Promise<void> {
  if (room.key !== mainRoomKey(room.sessionId)) return;
  const signerId = (await sessionLanguagesOf(room.sessionId))?.signInterpreterId;
  if (signerId === peer.userId) signerChanged(io, room.sessionId);
}
