import { rooms } from '../../lib/realtime/rooms';
import type { types } from 'mediasoup';
import { addInterpreter, interpreterCount, interpreterLanguagesIn, removeInterpreter, saveSessionLanguages } from '../../lib/db/queries/interpretation';
import { findMembership } from '../../lib/db/queries/programme';
import { MAX_INTERPRETERS_PER_LANGUAGE, normaliseLanguages } from '../../lib/domain/languages';
import { can } from '../../lib/domain/permissions';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { languageSetup } from '../../lib/services/language-setup';
import { channelList, findChannel, listen, syncChannels, type ChannelsNotice } from '../interpretation/channels';
import type { InterpretationChannel } from '../interpretation/channel';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { livePeerOf, liveRoomsOfSession, mainRoomKey } from '../sfu/rooms';
import { closeReceiver, openReceiver, receive, receiverOf } from '../interpretation/receivers';
import { requirePastLobby } from '../../lib/services/session-access';
import { ENTRY } from './pipeline';
import { iceServers } from './media';
import { isOpenBreakoutRoomOf } from '../interpretation/breakout-interpreters';
import { moveUserToLiveRoom } from '../sfu/rooms';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { signerChanged } from './sign-display';

/** The breakout room a live room stands for (null: the session's main room). */
export const breakoutRoomOf = (room: LiveRoom): string | null => (room.key.startsWith('breakout:') ? room.key.slice('breakout:'.length) : null);

function here(socket: BalaiSocket): { room: LiveRoom; peer: LivePeer } {
  const entry = livePeerOf(socket.id);
  if (!entry) throw new DomainError('conflict', 'media.joinFirst');
  return entry;
}

/**
 * Interpreting: a member (an assignment outlives a removal from the event, so the pipeline checks the
 * membership, declared below) with an assignment to the channel's language, read from the database on
 * every privileged request: assignments change during a session.
 */
const notInterpreter = () => forbidden('language.notInterpreter');
const interpreting = { scope: 'live', action: 'language:listen', nonMember: notInterpreter, denied: notInterpreter } as const;
async function requireInterpreter(room: LiveRoom, userId: string, channel: InterpretationChannel): Promise<void> {
  const languages = await interpreterLanguagesIn(room.sessionId, userId, breakoutRoomOf(room));
  if (!languages.includes(channel.language)) throw forbidden('language.notInterpreter');
}

/** The session's setup changed: every live room of it re-reads its channels (and tells its people). */
export async function resyncSession(io: BalaiServer, sessionId: string): Promise<void> {
  for (const room of liveRoomsOfSession(sessionId)) await syncChannels(room);
  for (const room of liveRoomsOfSession(sessionId)) io.to(rooms.live(room.key)).emit('interpretation:setup-changed', { sessionId });
}

export function notifyChannels(io: BalaiServer) {
  return (room: LiveRoom, notice: ChannelsNotice) => io.to([rooms.live(room.key), rooms.receivers(room.key)]).emit('interpretation:channels-changed', notice);
}

handle('interpretation:setup', { scope: 'session', action: 'session:join' }, async (caller, { sessionId }) => {
  const { eventId, role } = caller.actor;
  return languageSetup(sessionId, eventId, can({ role }, 'language:manage'));
});

handle('interpretation:configure', { scope: 'session', action: 'language:manage' }, async (caller, { sessionId, floorLanguage, languages }) => {
  const { io } = caller;
  const { eventId } = caller.actor;
  await saveSessionLanguages(sessionId, { floorLanguage, languages: normaliseLanguages(floorLanguage, languages) });
  await resyncSession(io, sessionId);
  return languageSetup(sessionId, eventId, true);
});

handle('interpretation:assign', { scope: 'session', action: 'language:manage' }, async (caller, { sessionId, userId, language, assigned, breakoutRoomId }) => {
  const { io } = caller;
  const { eventId } = caller.actor;
  if (assigned) {
    const setup = await languageSetup(sessionId, eventId, false);
    if (!setup.languages.includes(language)) throw new DomainError('conflict', 'language.notOffered');
    if (!(await findMembership(eventId, userId))) throw new DomainError('not_found', 'language.notAMember');
    if (breakoutRoomId && !(await isOpenBreakoutRoomOf(sessionId, breakoutRoomId))) throw notFound('room');
    const already = setup.interpreters.some((i) => i.userId === userId && i.language === language && i.breakoutRoomId === breakoutRoomId);
    if (!already && (await interpreterCount(sessionId, language, breakoutRoomId)) >= MAX_INTERPRETERS_PER_LANGUAGE) {
      throw new DomainError('conflict', 'language.boothFull');
    }
    await addInterpreter(sessionId, userId, language, breakoutRoomId);
  } else {
    await removeInterpreter(sessionId, userId, language);
  }
  await resyncSession(io, sessionId);
  // Their media follows the assignment now (into the breakout room, or back to the main room).
  await moveUserToLiveRoom(sessionId, userId);
  return languageSetup(sessionId, eventId, true);
});

handle('interpretation:set-sign-interpreter', { scope: 'session', action: 'language:manage' }, async (caller, { sessionId, userId }) => {
  const { io } = caller;
  const { eventId } = caller.actor;
  if (userId && !(await findMembership(eventId, userId))) throw new DomainError('not_found', 'language.notAMember');
  const setup = await languageSetup(sessionId, eventId, false);
  await saveSessionLanguages(sessionId, { signInterpreterId: userId, ...(setup.floorLanguage ? {} : { floorLanguage: 'en' }) });
  await resyncSession(io, sessionId);
  signerChanged(io, sessionId);
  return languageSetup(sessionId, eventId, true);
});

handle('interpretation:channels', { scope: 'self' }, async (caller) => {
  const { socket } = caller;
  const { room } = here(socket);
  await syncChannels(room);
  const interpreting = await interpreterLanguagesIn(room.sessionId, caller.userId, breakoutRoomOf(room));
  return { ...channelList(room), interpreting, userId: caller.userId };
});

handle('interpretation:produce', interpreting, async (caller, { channelId, transportId, rtpParameters }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  const channel = await findChannel(room, channelId);
  await requireInterpreter(room, caller.userId, channel);
  const transport = room.transport(peer, transportId, 'send');
  // Not in peer.producers: the room never lists it, so no one consumes it as floor audio.
  const producer = await transport.produce({
    kind: 'audio',
    rtpParameters: rtpParameters as types.RtpParameters,
    appData: { peerId: peer.peerId, source: 'interpretation', language: channel.language, transportId },
  });
  const holding = await channel.addVoice(peer, producer).catch((err: unknown) => {
    producer.close();
    throw err;
  });
  return { producerId: producer.id, holding };
});

handle('interpretation:mute', { scope: 'self' }, async ({ socket }, { channelId, muted }) => {
  const { room, peer } = here(socket);
  const channel = await findChannel(room, channelId);
  if (!channel.hasVoice(peer.peerId)) throw forbidden('language.notInterpreter');
  await channel.setMuted(peer.peerId, muted);
  return {};
});

handle('interpretation:hand-over', interpreting, async (caller, { channelId }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  const channel = await findChannel(room, channelId);
  await requireInterpreter(room, caller.userId, channel);
  if (!channel.holds(peer.peerId)) throw new DomainError('conflict', 'language.notHolding');
  const next = channel.handOver(peer.peerId);
  if (next === peer.peerId) throw new DomainError('conflict', 'language.noPartner');
  return { holderUserId: channel.holderUserId! };
});

handle('interpretation:take', interpreting, async (caller, { channelId }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  const channel = await findChannel(room, channelId);
  await requireInterpreter(room, caller.userId, channel);
  if (!channel.hasVoice(peer.peerId)) throw new DomainError('conflict', 'language.noPartner');
  if (channel.holderUserId && !channel.holds(peer.peerId)) throw new DomainError('conflict', 'language.notHolding');
  channel.take(peer.peerId);
  return { holderUserId: caller.userId };
});

const notMember = () => forbidden('general.notMember');
handle('interpretation:listen', { scope: 'live', action: 'language:listen', nonMember: notMember, denied: notMember }, async (caller, { channelId }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  const channel = channelId ? await findChannel(room, channelId) : null;
  const consumer = await listen(room, peer, channel);
  if (!consumer) return { consumer: null };
  return { consumer: { consumerId: consumer.id, producerId: consumer.producerId, kind: 'audio' as const, rtpParameters: consumer.rtpParameters } };
});

handle('interpretation:receive', ENTRY, async (caller, { sessionId }) => {
  const { socket } = caller;
  const { role } = caller.actor;
  await requirePastLobby(sessionId, caller.userId, caller.actor.role);
  if (!can({ role }, 'language:listen')) throw forbidden('general.notMember');
  // Hall phones hear the main room (the hall's stage); it is live while anyone is in it.
  const room = liveRoomsOfSession(sessionId).find((r) => r.key === mainRoomKey(sessionId));
  if (!room) throw new DomainError('conflict', 'language.notLive');
  await syncChannels(room);
  const previous = [...socket.rooms].filter((r) => rooms.isReceivers(r));
  for (const r of previous) await socket.leave(r);
  const receiver = await openReceiver(socket.id, room, () => {
    void socket.leave(rooms.receivers(room.key));
    socket.emit('interpretation:receive-closed', {});
  });
  await socket.join(rooms.receivers(room.key));
  const t = receiver.transport;
  return {
    routerRtpCapabilities: room.router.rtpCapabilities,
    transport: { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters, iceServers: iceServers() },
    ...channelList(room),
  };
});

handle('interpretation:receive-connect', { scope: 'self' }, async ({ socket }, { dtlsParameters }) => {
  await receiverOf(socket.id).transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
  return {};
});

handle('interpretation:receive-listen', { scope: 'self' }, async ({ socket }, { channelId, rtpCapabilities }) => {
  const receiver = receiverOf(socket.id);
  const channel = channelId ? await findChannel(receiver.room, channelId) : null;
  const consumer = await receive(receiver, channel, rtpCapabilities as types.RtpCapabilities);
  if (!consumer) return { consumer: null };
  return { consumer: { consumerId: consumer.id, producerId: consumer.producerId, kind: 'audio' as const, rtpParameters: consumer.rtpParameters } };
});

/** What a person's socket needs beyond the shared handlers: its hall-phone receiver closes when it goes. */
export function registerInterpretation(socket: BalaiSocket): void {
  socket.on('disconnect', closeReceiverOnDisconnect);
}
// One function for every socket (called with the socket as `this`): no closure kept per connection.
function closeReceiverOnDisconnect(this: BalaiSocket): void {
  closeReceiver(this.id);
}
