import { rooms } from '../../lib/realtime/rooms';
import type { types } from 'mediasoup';
import type { MediaSource, RoomSettings } from '../../lib/contracts/media';
import { findMembership, findSession } from '../../lib/db/queries/programme';
import { livePerson, roomSettings, updateLivePerson, updateRoomSettings } from '../../lib/db/queries/media';
import { grantsFor, mayPublish, onStage, type PublishContext } from '../../lib/domain/media-policy';
import { can } from '../../lib/domain/permissions';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { env } from '../../lib/env';
import { requirePastLobby } from '../../lib/services/session-access';
import { handRaisedNow, setHand } from './hands';
import { actOnPeer, findPeerAnywhere, refreshOtherNodes, tellSettingsHere } from './media-moderation';
import { ENTRY, setLiveSessionResolver } from './pipeline';
import { handle, type RequestActor, type BalaiServer, type BalaiSocket } from './handler';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { toMediaPeer } from '../sfu/live-room';
import type { ErrorKey } from '../../lib/i18n/error-text';
import { cameraStarted } from './sign-display';
import { joinLiveRoom, leaveLiveRoom, livePeerOf, liveRoomsOfSession, mainRoomKey, removeUserFromSession, resolveLiveRoom, roomSnapshot } from '../sfu/rooms';

setLiveSessionResolver((socket) => livePeerOf(socket.id)?.room.sessionId);

/** The caller's live room and media peer; media requests before `media:join` are refused. */
function here(socket: BalaiSocket): { room: LiveRoom; peer: LivePeer } {
  const entry = livePeerOf(socket.id);
  if (!entry) throw new DomainError('conflict', 'media.joinFirst');
  return entry;
}

/**
 * Reads everything that decides publishing from the database, now (roles change during a session).
 * `actor`: the caller's, resolved by the request pipeline; without it (re-reading another peer's
 * rights after a change) the membership is read here.
 */
async function publishContext(room: LiveRoom, userId: string, hall: boolean, actor?: RequestActor): Promise<PublishContext> {
  const found = await findSession(room.sessionId);
  if (!found) throw notFound('session');
  const [member, settings, person] = await Promise.all([
    actor ?? findMembership(found.event.id, userId),
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

/** A moderator the live room has not removed (the pipeline checked the role; a removal is the room's). */
async function requireModerator(room: LiveRoom, actor: RequestActor): Promise<void> {
  const ctx = await publishContext(room, actor.userId, false, actor);
  if (!can({ role: ctx.role }, 'media:moderate')) throw forbidden('general.onlyModerators');
}

/** Re-reads a peer's rights, tells its browser, and closes streams it may no longer send. */
async function refreshPeer(room: LiveRoom, peer: LivePeer, socket: (id: string) => BalaiSocket | undefined): Promise<void> {
  const ctx = await publishContext(room, peer.userId, peer.hall);
  const stage = onStage(ctx);
  if (ctx.role) peer.role = ctx.role;
  if (peer.onStage !== stage) {
    peer.onStage = stage;
    room.peerUpdated(peer);
  }
  for (const [producerId, { source }] of [...peer.producers]) {
    if (mayPublish(ctx, source)) continue;
    room.closeProducer(peer, producerId);
    socket(peer.socketId)?.emit('media:own-producer-closed', { producerId, reason: 'permission' });
  }
  socket(peer.socketId)?.emit('media:grants-changed', grantsFor(ctx));
}

/**
 * After a session-wide change (live mode, lock, screen sharing): every node re-reads the rights of the media
 * peers it hosts and, given new settings, tells its own sockets in the session's live rooms.
 */
export async function refreshSessionEverywhere(io: BalaiServer, sessionId: string, settings?: RoomSettings): Promise<void> {
  if (settings) tellSettingsHere(io, sessionId, settings);
  await refreshSessionLiveRooms(io, sessionId);
  refreshOtherNodes(sessionId, settings);
}

/** Re-reads the rights of this node's media peers in a session's live rooms and tells their browsers. */
export async function refreshSessionLiveRooms(io: BalaiServer, sessionId: string): Promise<void> {
  const socketById = (id: string) => io.sockets.sockets.get(id);
  for (const r of liveRoomsOfSession(sessionId)) {
    for (const p of [...r.peers.values()]) await refreshPeer(r, p, socketById);
  }
}

/**
 * Invites someone to the stage (or takes them off) and re-reads the rights of their live peers, on every node
 * (their call may be on another node than the moderator's); the raised-hands queue uses it too.
 */
export async function setOnStage(io: BalaiServer, sessionId: string, userId: string, onStage: boolean): Promise<void> {
  await updateLivePerson(sessionId, userId, { onStage });
  const socketById = (id: string) => io.sockets.sockets.get(id);
  for (const r of liveRoomsOfSession(sessionId)) {
    for (const p of [...r.peers.values()]) if (p.userId === userId) await refreshPeer(r, p, socketById);
  }
  refreshOtherNodes(sessionId);
}

/** TURN servers from the environment, for browsers on networks that block direct media. */
export function iceServers() {
  const { TURN_URLS, TURN_USERNAME, TURN_CREDENTIAL } = env();
  if (!TURN_URLS) return [];
  const urls = TURN_URLS.split(',').map((u) => u.trim()).filter(Boolean);
  return [{ urls, ...(TURN_USERNAME ? { username: TURN_USERNAME } : {}), ...(TURN_CREDENTIAL ? { credential: TURN_CREDENTIAL } : {}) }];
}

/*
 * Requests inside the call act in the session of the socket's live room (scope `live`; before
 * media:join they are refused "join first"). Those on the caller's own transports and streams
 * need no role beyond the one media:join checked: scope `self`.
 */
// Publishing: a member (the stage rules come after, from the live room's state).
const publishing = { scope: 'live', action: 'session:join', nonMember: () => forbidden('media.notPartOfSession') } as const;
const resuming = { scope: 'live', action: 'session:join', nonMember: () => forbidden('media.mayNotSendAnyMore') } as const;
const onlyModerators = () => forbidden('general.onlyModerators');
const moderating = { scope: 'live', action: 'media:moderate', nonMember: onlyModerators, denied: onlyModerators } as const;

handle('media:join', ENTRY, async (caller, { sessionId, hall }) => {
  const { socket } = caller;
  const member = caller.actor;
  await requirePastLobby(sessionId, caller.userId, member.role);
  // The session row for its live mode (the actor carries the role, not the session).
  const found = (await findSession(sessionId))!;
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
  // A hand raised before joining (from a phone, or before a reconnect) shows in the call too.
  peer.handRaised = await handRaisedNow(sessionId, caller.userId);
  if (peer.handRaised) room.peerUpdated(peer);
  const { peers, producers } = await roomSnapshot(room, peer.peerId);
  return {
    roomKey: room.key,
    peerId: peer.peerId,
    routerRtpCapabilities: room.router.rtpCapabilities,
    peers,
    producers,
    settings,
    grants: grantsFor(ctx),
    activeSpeakerPeerId: room.activeSpeakerPeerId,
    spotlightPeerId: room.spotlightPeerId,
  };
});

handle('media:leave', { scope: 'self' }, async ({ socket }) => {
  leaveLiveRoom(socket.id);
  return {};
});

handle('media:set-capabilities', { scope: 'self' }, async ({ socket }, { rtpCapabilities }) => {
  here(socket).peer.rtpCapabilities = rtpCapabilities as types.RtpCapabilities;
  return {};
});

handle('media:create-transport', { scope: 'self' }, async ({ socket }, { direction }) => {
  const { room, peer } = here(socket);
  const t = await room.createTransport(peer, direction);
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters, iceServers: iceServers() };
});

handle('media:connect-transport', { scope: 'self' }, async ({ socket }, { transportId, dtlsParameters }) => {
  const { room, peer } = here(socket);
  await room.transport(peer, transportId).connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
  return {};
});

handle('media:restart-ice', { scope: 'self' }, async ({ socket }, { transportId }) => {
  const { room, peer } = here(socket);
  return { iceParameters: await room.transport(peer, transportId).restartIce() };
});

handle('media:produce', publishing, async (caller, { transportId, kind, source, rtpParameters, paused }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  const ctx = await publishContext(room, caller.userId, peer.hall, caller.actor);
  if (!mayPublish(ctx, source)) throw forbidden(refusal(source, ctx));
  const producer = await room.produce(peer, transportId, kind, source, rtpParameters as types.RtpParameters, paused);
  // The sign-language interpreter's camera on the hall's stage also goes to the projectors (display links).
  if (source === 'camera') void cameraStarted(caller.io, room, peer).catch((err: unknown) => console.error('[sign-display] could not tell the projectors', err));
  return { producerId: producer.id };
});

handle('media:pause-producer', { scope: 'self' }, async ({ socket }, { producerId }) => {
  const { room, peer } = here(socket);
  await room.setProducerPaused(peer, producerId, true);
  return {};
});

handle('media:resume-producer', resuming, async (caller, { producerId }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  const { source } = room.producer(peer, producerId);
  // Resuming is publishing again: the rights may have changed since the stream was created.
  if (!mayPublish(await publishContext(room, caller.userId, peer.hall, caller.actor), source)) throw forbidden('media.mayNotSendAnyMore');
  await room.setProducerPaused(peer, producerId, false);
  return {};
});

handle('media:close-producer', { scope: 'self' }, async ({ socket }, { producerId }) => {
  const { room, peer } = here(socket);
  room.producer(peer, producerId);
  room.closeProducer(peer, producerId);
  return {};
});

handle('media:consume', { scope: 'self' }, async ({ socket }, { producerId }) => {
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

handle('media:resume-consumer', { scope: 'self' }, async ({ socket }, { consumerId }) => {
  const { room, peer } = here(socket);
  await room.consumer(peer, consumerId).resume();
  return {};
});

handle('media:pause-consumer', { scope: 'self' }, async ({ socket }, { consumerId }) => {
  const { room, peer } = here(socket);
  await room.consumer(peer, consumerId).pause();
  return {};
});

handle('media:set-preferred-layers', { scope: 'self' }, async ({ socket }, { consumerId, spatialLayer, temporalLayer }) => {
  const { room, peer } = here(socket);
  const consumer = room.consumer(peer, consumerId);
  if (consumer.type === 'simulcast' || consumer.type === 'svc') await consumer.setPreferredLayers({ spatialLayer, temporalLayer });
  return {};
});

handle('media:raise-hand', { scope: 'self' }, async (caller, { raised }) => {
  const { io, socket } = caller;
  const { room } = here(socket);
  // The same hand as the raised-hands queue (server/realtime/hands.ts): stored, in order, shown everywhere.
  await setHand(io, room.sessionId, caller.userId, raised);
  return {};
});

handle('media:mute-peer', moderating, async (caller, { peerId }) => {
  const { io, socket } = caller;
  const { room } = here(socket);
  await requireModerator(room, caller.actor);
  await actOnPeer(io, room, peerId, 'mute');
  return {};
});

handle('media:stop-screen', moderating, async (caller, { peerId }) => {
  const { io, socket } = caller;
  const { room } = here(socket);
  await requireModerator(room, caller.actor);
  await actOnPeer(io, room, peerId, 'stop-screen');
  return {};
});

handle('media:remove-peer', moderating, async (caller, { peerId }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  await requireModerator(room, caller.actor);
  const { peer: target } = await findPeerAnywhere(room, peerId);
  if (target.userId === peer.userId) throw new DomainError('conflict', 'media.cannotRemoveYourself');
  await updateLivePerson(room.sessionId, target.userId, { removed: true });
  removeUserFromSession(room.sessionId, target.userId);
  return {};
});

handle('media:update-settings', moderating, async (caller, patch) => {
  const { io, socket } = caller;
  const { room } = here(socket);
  await requireModerator(room, caller.actor);
  const settings = await updateRoomSettings(room.sessionId, patch);
  await refreshSessionEverywhere(io, room.sessionId, settings);
  return settings;
});

handle('media:set-stage', moderating, async (caller, { userId, onStage: invited }) => {
  const { io, socket } = caller;
  const { room } = here(socket);
  await requireModerator(room, caller.actor);
  if (!(await findMembership(caller.actor.eventId, userId))) throw notFound('person');
  await setOnStage(io, room.sessionId, userId, invited);
  return {};
});

handle('media:set-spotlight', { ...moderating, action: 'media:spotlight' }, async (caller, { peerId }) => {
  const { socket } = caller;
  const { room, peer } = here(socket);
  const ctx = await publishContext(room, caller.userId, peer.hall, caller.actor);
  if (!can({ role: ctx.role }, 'media:spotlight')) throw forbidden('general.onlyModerators');
  const hostedHere = peerId === null || room.peers.has(peerId);
  // A peer of this room on another node: not_found unless that node lists it.
  if (!hostedHere) await findPeerAnywhere(room, peerId);
  // The room tells the other nodes' copies too (its notifier's spotlightChanged).
  room.setSpotlight(peerId, hostedHere ? 'here' : 'checked');
  return {};
});
function refusal(source: MediaSource, ctx: PublishContext): ErrorKey {
  if (ctx.role === null) return 'media.notPartOfSession';
  if (source === 'screen' || source === 'screen-audio') return 'media.screenStageOnly';
  return ctx.liveMode === 'webinar' ? 'media.webinarStageOnly' : 'media.mayNotSend';
}

/** What a person's socket needs beyond the shared handlers: leaving its live room when it goes. */
export function registerMedia(socket: BalaiSocket): void {
  socket.on('disconnect', leaveLiveRoomOnDisconnect);
}
// One function for every socket (called with the socket as `this`): no closure kept per connection.
function leaveLiveRoomOnDisconnect(this: BalaiSocket): void {
  leaveLiveRoom(this.id);
}
