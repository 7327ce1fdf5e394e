import type { types } from 'mediasoup';
import type { MediaSource } from '../../lib/contracts/media';
import { findMembership, findSession } from '../../lib/db/queries/programme';
import { livePerson, roomSettings, updateLivePerson, updateRoomSettings } from '../../lib/db/queries/media';
import { grantsFor, mayPublish, onStage, type PublishContext } from '../../lib/domain/media-policy';
import { can } from '../../lib/domain/permissions';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { env } from '../../lib/env';
import { on, type BalaiServer, type BalaiSocket } from './handler';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { toMediaPeer } from '../sfu/live-room';
import type { ErrorKey } from '../../lib/i18n/error-text';
import {
  joinLiveRoom,
  leaveLiveRoom,
  liveChannel,
  livePeerOf,
  liveRoomsOfSession,
  mainRoomKey,
  removeUserFromSession,
  resolveLiveRoom,
} from '../sfu/rooms';

/** The caller's live room and media peer; media requests before `media:join` are refused. */
function here(socket: BalaiSocket): { room: LiveRoom; peer: LivePeer } {
  const entry = livePeerOf(socket.id);
  if (!entry) throw new DomainError('conflict', 'media.joinFirst');
  return entry;
}

/** Reads everything that decides publishing from the database, now (roles change during a session). */
async function publishContext(room: LiveRoom, userId: string, hall: boolean): Promise<PublishContext> {
  const found = await findSession(room.sessionId);
  if (!found) throw notFound('session');
  const [member, settings, person] = await Promise.all([
    findMembership(found.event.id, userId),
    roomSettings(room.sessionId),
    livePerson(room.sessionId, userId),
  ]);
  return {
    role: person.removed ? null : (member?.role ?? null),
    liveMode: room.open ? 'meeting' : found.session.liveMode,
    invitedToStage: person.onStage,
    hall,
    screenShareOpen: settings.screenShareOpen,
  };
}

async function requireModerator(room: LiveRoom, userId: string): Promise<void> {
  const ctx = await publishContext(room, userId, false);
  if (!can({ role: ctx.role }, 'media:moderate')) throw forbidden('general.onlyModerators');
}

/** Re-reads a peer's rights, tells its browser, and closes streams it may no longer send. */
async function refreshPeer(room: LiveRoom, peer: LivePeer, socket: (id: string) => BalaiSocket | undefined): Promise<void> {
  const ctx = await publishContext(room, peer.userId, peer.hall);
  const stage = onStage(ctx);
  if (ctx.role) peer.role = ctx.role;
  if (peer.onStage !== stage) {
    peer.onStage = stage;
    socket(peer.socketId)?.to(liveChannel(room.key)).emit('media:peer-updated', { peer: toMediaPeer(peer) });
  }
  for (const [producerId, { source }] of [...peer.producers]) {
    if (mayPublish(ctx, source)) continue;
    room.closeProducer(peer, producerId);
    socket(peer.socketId)?.emit('media:own-producer-closed', { producerId, reason: 'permission' });
  }
  socket(peer.socketId)?.emit('media:grants-changed', grantsFor(ctx));
}

/** Re-reads everyone's rights in a session's live rooms (its live mode changed, say) and tells their browsers. */
export async function refreshSessionLiveRooms(io: BalaiServer, sessionId: string): Promise<void> {
  const socketById = (id: string) => io.sockets.sockets.get(id);
  for (const r of liveRoomsOfSession(sessionId)) {
    for (const p of [...r.peers.values()]) await refreshPeer(r, p, socketById);
  }
}

/** TURN servers from the environment, for browsers on networks that block direct media. */
function iceServers() {
  const { TURN_URLS, TURN_USERNAME, TURN_CREDENTIAL } = env();
  if (!TURN_URLS) return [];
  const urls = TURN_URLS.split(',').map((u) => u.trim()).filter(Boolean);
  return [{ urls, ...(TURN_USERNAME ? { username: TURN_USERNAME } : {}), ...(TURN_CREDENTIAL ? { credential: TURN_CREDENTIAL } : {}) }];
}

export function registerMedia(io: BalaiServer, socket: BalaiSocket): void {
  const socketById = (id: string) => io.sockets.sockets.get(id);

  on(io, socket, 'media:join', async (caller, { sessionId, hall }) => {
    const found = await findSession(sessionId);
    if (!found) throw notFound('session');
    const member = await findMembership(found.event.id, caller.userId);
    if (!member || !can({ role: member.role }, 'session:join')) throw forbidden('general.notMember');
    if (hall && !can({ role: member.role }, 'media:hall-device')) throw forbidden('media.onlyStaffHallDevice');
    const [person, settings, target] = await Promise.all([
      livePerson(sessionId, caller.userId),
      roomSettings(sessionId),
      resolveLiveRoom(caller.userId, sessionId),
    ]);
    if (person.removed) throw forbidden('media.removed');
    const ctx: PublishContext = {
      role: member.role,
      liveMode: target.open ? 'meeting' : found.session.liveMode,
      invitedToStage: person.onStage,
      hall,
      screenShareOpen: settings.screenShareOpen,
    };
    if (settings.locked && target.key === mainRoomKey(sessionId) && !onStage(ctx) && !can({ role: member.role }, 'media:moderate')) {
      throw forbidden('media.locked');
    }
    const { room, peer } = await joinLiveRoom(target, sessionId, {
      socketId: socket.id,
      userId: caller.userId,
      name: caller.name,
      role: member.role,
      hall,
      onStage: onStage(ctx),
    });
    const { peers, producers } = room.snapshot(peer.peerId);
    return {
      roomKey: room.key,
      peerId: peer.peerId,
      routerRtpCapabilities: room.router.rtpCapabilities,
      peers,
      producers,
      settings,
      grants: grantsFor(ctx),
      activeSpeakerPeerId: room.activeSpeakerPeerId,
    };
  });

  on(io, socket, 'media:leave', async () => {
    leaveLiveRoom(socket.id);
    return {};
  });

  on(io, socket, 'media:set-capabilities', async (_caller, { rtpCapabilities }) => {
    here(socket).peer.rtpCapabilities = rtpCapabilities as types.RtpCapabilities;
    return {};
  });

  on(io, socket, 'media:create-transport', async (_caller, { direction }) => {
    const { room, peer } = here(socket);
    const t = await room.createTransport(peer, direction);
    return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters, iceServers: iceServers() };
  });

  on(io, socket, 'media:connect-transport', async (_caller, { transportId, dtlsParameters }) => {
    const { room, peer } = here(socket);
    await room.transport(peer, transportId).connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
    return {};
  });

  on(io, socket, 'media:restart-ice', async (_caller, { transportId }) => {
    const { room, peer } = here(socket);
    return { iceParameters: await room.transport(peer, transportId).restartIce() };
  });

  on(io, socket, 'media:produce', async (caller, { transportId, kind, source, rtpParameters, paused }) => {
    const { room, peer } = here(socket);
    const ctx = await publishContext(room, caller.userId, peer.hall);
    if (!mayPublish(ctx, source)) throw forbidden(refusal(source, ctx));
    const producer = await room.produce(peer, transportId, kind, source, rtpParameters as types.RtpParameters, paused);
    return { producerId: producer.id };
  });

  on(io, socket, 'media:pause-producer', async (_caller, { producerId }) => {
    const { room, peer } = here(socket);
    await room.setProducerPaused(peer, producerId, true);
    return {};
  });

  on(io, socket, 'media:resume-producer', async (caller, { producerId }) => {
    const { room, peer } = here(socket);
    const { source } = room.producer(peer, producerId);
    // Resuming is publishing again: the rights may have changed since the stream was created.
    if (!mayPublish(await publishContext(room, caller.userId, peer.hall), source)) throw forbidden('media.mayNotSendAnyMore');
    await room.setProducerPaused(peer, producerId, false);
    return {};
  });

  on(io, socket, 'media:close-producer', async (_caller, { producerId }) => {
    const { room, peer } = here(socket);
    room.producer(peer, producerId);
    room.closeProducer(peer, producerId);
    return {};
  });

  on(io, socket, 'media:consume', async (_caller, { producerId }) => {
    const { room, peer } = here(socket);
    const consumer = await room.consume(peer, producerId);
    return {
      consumerId: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      producerPaused: consumer.producerPaused,
    };
  });

  on(io, socket, 'media:resume-consumer', async (_caller, { consumerId }) => {
    const { room, peer } = here(socket);
    await room.consumer(peer, consumerId).resume();
    return {};
  });

  on(io, socket, 'media:pause-consumer', async (_caller, { consumerId }) => {
    const { room, peer } = here(socket);
    await room.consumer(peer, consumerId).pause();
    return {};
  });

  on(io, socket, 'media:set-preferred-layers', async (_caller, { consumerId, spatialLayer, temporalLayer }) => {
    const { room, peer } = here(socket);
    const consumer = room.consumer(peer, consumerId);
    if (consumer.type === 'simulcast' || consumer.type === 'svc') await consumer.setPreferredLayers({ spatialLayer, temporalLayer });
    return {};
  });

  on(io, socket, 'media:raise-hand', async (_caller, { raised }) => {
    const { room, peer } = here(socket);
    peer.handRaised = raised;
    io.to(liveChannel(room.key)).emit('media:peer-updated', { peer: toMediaPeer(peer) });
    return {};
  });

  on(io, socket, 'media:mute-peer', async (caller, { peerId }) => {
    const { room } = here(socket);
    await requireModerator(room, caller.userId);
    const target = room.peers.get(peerId);
    if (!target) throw notFound('person');
    for (const [producerId, { producer, source }] of target.producers) {
      if (source !== 'microphone' || producer.paused) continue;
      await room.setProducerPaused(target, producerId, true);
      socketById(target.socketId)?.emit('media:muted', { producerId });
    }
    return {};
  });

  on(io, socket, 'media:stop-screen', async (caller, { peerId }) => {
    const { room } = here(socket);
    await requireModerator(room, caller.userId);
    const target = room.peers.get(peerId);
    if (!target) throw notFound('person');
    for (const [producerId, { source }] of [...target.producers]) {
      if (source !== 'screen' && source !== 'screen-audio') continue;
      room.closeProducer(target, producerId);
      socketById(target.socketId)?.emit('media:own-producer-closed', { producerId, reason: 'moderator' });
    }
    return {};
  });

  on(io, socket, 'media:remove-peer', async (caller, { peerId }) => {
    const { room, peer } = here(socket);
    await requireModerator(room, caller.userId);
    const target = room.peers.get(peerId);
    if (!target) throw notFound('person');
    if (target.userId === peer.userId) throw new DomainError('conflict', 'media.cannotRemoveYourself');
    await updateLivePerson(room.sessionId, target.userId, { removed: true });
    removeUserFromSession(room.sessionId, target.userId);
    return {};
  });

  on(io, socket, 'media:update-settings', async (caller, patch) => {
    const { room } = here(socket);
    await requireModerator(room, caller.userId);
    const settings = await updateRoomSettings(room.sessionId, patch);
    for (const r of liveRoomsOfSession(room.sessionId)) io.to(liveChannel(r.key)).emit('media:settings-changed', settings);
    await refreshSessionLiveRooms(io, room.sessionId);
    return settings;
  });

  on(io, socket, 'media:set-stage', async (caller, { userId, onStage: invited }) => {
    const { room } = here(socket);
    await requireModerator(room, caller.userId);
    const found = await findSession(room.sessionId);
    if (!found || !(await findMembership(found.event.id, userId))) throw notFound('person');
    await updateLivePerson(room.sessionId, userId, { onStage: invited });
    for (const r of liveRoomsOfSession(room.sessionId)) {
      for (const p of [...r.peers.values()]) if (p.userId === userId) await refreshPeer(r, p, socketById);
    }
    return {};
  });

  socket.on('disconnect', () => leaveLiveRoom(socket.id));
}

function refusal(source: MediaSource, ctx: PublishContext): ErrorKey {
  if (ctx.role === null) return 'media.notPartOfSession';
  if (source === 'screen' || source === 'screen-audio') return 'media.screenStageOnly';
  return ctx.liveMode === 'webinar' ? 'media.webinarStageOnly' : 'media.mayNotSend';
}
