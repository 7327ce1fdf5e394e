import { rememberRouterCapabilities } from '../../lib/services/router-capabilities';
import type { ServerEventName, ServerEventPayload } from '../../lib/contracts/realtime';
import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { MediaPeer, MediaSource, RemoteProducer } from '../../lib/contracts/media';
import type { Role } from '../../lib/domain/roles';
import { DomainError, notFound } from '../../lib/errors';
import { MAX_INCOMING_BITRATE, MEDIA_CODECS, webRtcTransportOptions } from './config';
import { createRouter, hasSpareWorker } from './worker-pool';

/** One browser tab's media in a live room. Keyed by socket: a person with two tabs is two media peers. */
export interface LivePeer {
  peerId: string;
  socketId: string;
  userId: string;
  name: string;
  role: Role;
  /** The router this peer's transports live on: the room's first router, or another one once that is full. */
  router: types.Router;
  hall: boolean;
  onStage: boolean;
  handRaised: boolean;
  rtpCapabilities?: types.RtpCapabilities;
  transports: Map<string, types.WebRtcTransport>;
  producers: Map<string, { producer: types.Producer; source: MediaSource }>;
  consumers: Map<string, types.Consumer>;
}

export type LivePeerInit = Pick<LivePeer, 'socketId' | 'userId' | 'name' | 'role' | 'hall' | 'onStage'>;

/**
 * How many peers one router (one worker core) takes before the room opens a
 * router on another worker and pipes producers across (pipeToRouter), so a
 * big audience spreads over the cores.
 */
let peersPerRouter = 150;
export function setPeersPerRouter(n: number): void {
  peersPerRouter = Math.max(1, n);
}

/** How a room tells its sockets what happened; the registry wires this to Socket.IO. */
export interface RoomNotifier {
  room<K extends ServerEventName>(event: K, payload: ServerEventPayload<K>, exceptSocketId?: string): void;
  socket<K extends ServerEventName>(socketId: string, event: K, payload: ServerEventPayload<K>): void;
  /** A peer joined or its streams changed: other nodes serving this room must know (server/cluster). */
  peerChanged?(peer: LivePeer): void;
  peerGone?(peerId: string): void;
  /** To this node's sockets only: with a room over several nodes, each node's observer tells its own clients. */
  roomHere?<K extends ServerEventName>(event: K, payload: ServerEventPayload<K>): void;
  /** A microphone was published here: the other nodes serving this room listen to it too (active speaker). */
  microphoneAdded?(producerId: string): void;
  /** The spotlight changed here: the other nodes serving this room keep the same state for their late joiners. */
  spotlightChanged?(peerId: string | null): void;
}

/** A producer of this room hosted by another Balai node, piped into this room's first router. */
export interface ImportedProducer {
  producer: types.Producer;
  source: MediaSource;
  peerId: string;
}
/** Pipes a producer of this room from the node hosting it (undefined: no node hosts it). */
export type ProducerImporter = (room: LiveRoom, producerId: string) => Promise<ImportedProducer | undefined>;

const MAX_PRODUCERS_PER_PEER = 6;

/**
 * A live room: one mediasoup Router and the peers in it. The main room of a
 * programme session is `main:<sessionId>`; breakout rooms use their own keys
 * and the same class. Everything here is in memory and rebuilt when browsers
 * re-join after a restart.
 */
export class LiveRoom {
  readonly peers = new Map<string, LivePeer>();
  activeSpeakerPeerId: string | null = null;
  /** The peer a moderator put large on everyone's stage (media:set-spotlight); late joiners get it in media:join. */
  spotlightPeerId: string | null = null;
  closed = false;
  private readonly closeListeners: Array<() => void> = [];
  /** Routers of this room; the first one carries the active speaker observer. */
  private readonly routers: types.Router[];
  /** Producers already piped to another router of this room, keyed `producerId:routerId`. */
  private readonly pipes = new Map<string, Promise<void>>();
  private placing: Promise<unknown> = Promise.resolve();
  /** Set when this node shares rooms with other nodes. */
  importer?: ProducerImporter;

  private constructor(
    readonly key: string,
    readonly sessionId: string,
    /** Everyone publishes camera and microphone here, whatever the session's live mode (breakout rooms). */
    readonly open: boolean,
    readonly router: types.Router,
    private readonly speakers: types.ActiveSpeakerObserver,
    private readonly notify: RoomNotifier,
  ) {
    speakers.on('dominantspeaker', ({ producer }) => {
      const peerId = (producer.appData as { peerId?: string }).peerId ?? null;
      if (peerId === this.activeSpeakerPeerId) return;
      this.activeSpeakerPeerId = peerId;
      // Every node serving the room hears every microphone (see listenTo), so each tells only its own clients.
      (this.notify.roomHere ?? this.notify.room).call(this.notify, 'media:active-speaker', { peerId });
    });
    this.routers = [router];
    // Any router gone (its worker died) ends the room: its other routers close too, and the peers join again.
    router.observer.once('close', () => this.close());
  }

  static async create(key: string, sessionId: string, open: boolean, notify: RoomNotifier): Promise<LiveRoom> {
    const router = await createRouter(MEDIA_CODECS);
    // The session page sends these with its device check (issue 10.8): the browser loads its Device meanwhile.
    rememberRouterCapabilities(router.rtpCapabilities);
    const speakers = await router.createActiveSpeakerObserver({ interval: 300 });
    return new LiveRoom(key, sessionId, open, router, speakers, notify);
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Picks the router for a new peer; placements run one at a time so two joins do not both open a router. */
  private place(): Promise<types.Router> {
    const next = this.placing.then(async () => {
      const counts = new Map<types.Router, number>(this.routers.map((r) => [r, 0]));
      for (const p of this.peers.values()) counts.set(p.router, (counts.get(p.router) ?? 0) + 1);
      const roomy = this.routers.find((r) => (counts.get(r) ?? 0) < peersPerRouter);
      if (roomy) return roomy;
      // Piping only helps across workers (and mediasoup cannot pipe within one): with every worker
      // already serving this room, the least loaded router takes the peer.
      if (!hasSpareWorker(this.routers)) return this.routers.reduce((a, b) => ((counts.get(b) ?? 0) < (counts.get(a) ?? 0) ? b : a));
      const router = await createRouter(MEDIA_CODECS, this.routers);
      router.observer.once('close', () => this.close());
      this.routers.push(router);
      return router;
    });
    this.placing = next.catch(() => undefined);
    return next;
  }

  get routerCount(): number {
    return this.routers.length;
  }

  async addPeer(init: LivePeerInit): Promise<LivePeer> {
    if (this.closed) throw new DomainError('conflict', 'media.roomClosed');
    const router = await this.place();
    if (this.closed) throw new DomainError('conflict', 'media.roomClosed');
    const peer: LivePeer = { ...init, router, peerId: randomUUID(), handRaised: false, transports: new Map(), producers: new Map(), consumers: new Map() };
    this.peers.set(peer.peerId, peer);
    this.notify.room('media:peer-joined', { peer: toMediaPeer(peer) }, peer.socketId);
    this.notify.peerChanged?.(peer);
    return peer;
  }

  /** Closes everything the peer had in this room; the other peers see its producers close. */
  removePeer(peer: LivePeer): void {
    if (!this.peers.delete(peer.peerId)) return;
    for (const t of peer.transports.values()) t.close();
    for (const { producer } of peer.producers.values()) this.notify.room('media:producer-closed', { producerId: producer.id }, peer.socketId);
    peer.transports.clear();
    peer.producers.clear();
    peer.consumers.clear();
    if (this.activeSpeakerPeerId === peer.peerId) {
      this.activeSpeakerPeerId = null;
      this.notify.room('media:active-speaker', { peerId: null });
    }
    if (this.spotlightPeerId === peer.peerId) this.setSpotlight(null);
    this.notify.room('media:peer-left', { peerId: peer.peerId }, peer.socketId);
    this.notify.peerGone?.(peer.peerId);
  }

  /** Puts one peer (or nobody) large on everyone's stage and tells the room. */
  /**
   * `checked`: the peer is hosted by another node and was found in the room's directory. `another node`: a
   * moderator on another node changed it, and that node told the room.
   */
  setSpotlight(peerId: string | null, how: 'here' | 'checked' | 'another node' = 'here'): void {
    if (how === 'here' && peerId !== null && !this.peers.has(peerId)) throw notFound('person');
    if (this.spotlightPeerId === peerId) return;
    this.spotlightPeerId = peerId;
    if (how === 'another node') return;
    this.notify.room('media:spotlight-changed', { peerId });
    this.notify.spotlightChanged?.(peerId);
  }

  /**
   * A peer of this room hosted by another node left (or died with its node): it is no longer the active
   * speaker or in the spotlight here. Each node tells its own clients, as for the active speaker.
   */
  forgetRemotePeer(peerId: string): void {
    if (this.peers.has(peerId)) return;
    const here = (this.notify.roomHere ?? this.notify.room).bind(this.notify);
    if (this.activeSpeakerPeerId === peerId) {
      this.activeSpeakerPeerId = null;
      here('media:active-speaker', { peerId: null });
    }
    if (this.spotlightPeerId === peerId) {
      this.spotlightPeerId = null;
      here('media:spotlight-changed', { peerId: null });
    }
  }

  /** A peer's flags changed (stage, hand): everyone in the room and the other nodes' directory learn it. */
  peerUpdated(peer: LivePeer): void {
    if (!this.peers.has(peer.peerId)) return;
    this.notify.room('media:peer-updated', { peer: toMediaPeer(peer) });
    this.notify.peerChanged?.(peer);
  }

  close(): void {
    if (this.closed) return;
    this.markClosed();
    for (const r of this.routers) r.close();
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.closeListeners) l();
  }

  snapshot(exceptPeerId: string): { peers: MediaPeer[]; producers: RemoteProducer[] } {
    const peers: MediaPeer[] = [];
    const producers: RemoteProducer[] = [];
    for (const p of this.peers.values()) {
      if (p.peerId === exceptPeerId) continue;
      peers.push(toMediaPeer(p));
      for (const { producer, source } of p.producers.values()) producers.push(toRemoteProducer(p, producer, source));
    }
    return { peers, producers };
  }

  async createTransport(peer: LivePeer, direction: 'send' | 'recv'): Promise<types.WebRtcTransport> {
    // One transport per direction; asking again replaces the old one (the browser re-created its side).
    for (const t of peer.transports.values()) if ((t.appData as { direction: string }).direction === direction) this.closeTransport(peer, t);
    const server = (peer.router.appData as { webRtcServer?: types.WebRtcServer }).webRtcServer;
    const transport = await peer.router.createWebRtcTransport({ ...webRtcTransportOptions(server), appData: { direction, peerId: peer.peerId } });
    if (!this.peers.has(peer.peerId)) {
      transport.close();
      throw new DomainError('conflict', 'media.youLeft');
    }
    if (direction === 'send') await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE);
    peer.transports.set(transport.id, transport);
    return transport;
  }

  private closeTransport(peer: LivePeer, transport: types.WebRtcTransport): void {
    for (const [id, entry] of peer.producers) {
      if (entry.producer.closed || (entry.producer.appData as { transportId?: string }).transportId === transport.id) this.closeProducer(peer, id);
    }
    transport.close();
    peer.transports.delete(transport.id);
  }

  transport(peer: LivePeer, transportId: string, direction?: 'send' | 'recv'): types.WebRtcTransport {
    const t = peer.transports.get(transportId);
    if (!t || (direction && (t.appData as { direction: string }).direction !== direction)) throw notFound('transport');
    return t;
  }

  async produce(peer: LivePeer, transportId: string, kind: types.MediaKind, source: MediaSource, rtpParameters: types.RtpParameters, paused: boolean): Promise<types.Producer> {
    const transport = this.transport(peer, transportId, 'send');
    if (peer.producers.size >= MAX_PRODUCERS_PER_PEER) throw new DomainError('conflict', 'media.tooManyStreams');
    for (const entry of peer.producers.values()) {
      if (entry.source === source) throw new DomainError('conflict', 'media.alreadySending', { source: source.replace('-', '_') });
    }
    const producer = await transport.produce({ kind, rtpParameters, paused, appData: { peerId: peer.peerId, source, transportId } });
    await this.adoptProducer(peer, producer, source);
    return producer;
  }

  /**
   * Registers a producer with the room and tells everyone, as for a browser's. Server-side sources
   * (a hall mixer's RTMP feed re-sent as RTP into a PlainTransport) come in here too.
   */
  async adoptProducer(peer: LivePeer, producer: types.Producer, source: MediaSource): Promise<void> {
    peer.producers.set(producer.id, { producer, source });
    producer.observer.once('close', () => peer.producers.delete(producer.id));
    if (source === 'microphone') {
      // The observer lives on the first router: a microphone on another router is piped there first.
      await this.pipeTo(producer.id, peer.router, this.router)
        .then(() => this.speakers.addProducer({ producerId: producer.id }))
        .catch((err: unknown) => console.error('[sfu] speaker observer', err));
    }
    this.notify.room('media:producer-added', toRemoteProducer(peer, producer, source), peer.socketId);
    this.notify.peerChanged?.(peer);
    // After the directory lists it (same Redis connection, so in order): the other nodes look it up there.
    if (source === 'microphone') this.notify.microphoneAdded?.(producer.id);
  }

  producer(peer: LivePeer, producerId: string): { producer: types.Producer; source: MediaSource } {
    const entry = peer.producers.get(producerId);
    if (!entry) throw notFound('producer');
    return entry;
  }

  async setProducerPaused(peer: LivePeer, producerId: string, paused: boolean): Promise<void> {
    const { producer } = this.producer(peer, producerId);
    if (paused) await producer.pause();
    else await producer.resume();
    this.notify.room('media:producer-paused', { producerId, paused }, peer.socketId);
    this.notify.peerChanged?.(peer);
  }

  closeProducer(peer: LivePeer, producerId: string): void {
    const entry = peer.producers.get(producerId);
    if (!entry) return;
    peer.producers.delete(producerId);
    entry.producer.close();
    this.notify.room('media:producer-closed', { producerId }, peer.socketId);
    if (this.peers.has(peer.peerId)) this.notify.peerChanged?.(peer);
  }

  /** Finds a producer of this room only: a peer can never consume another room's media. */
  findProducer(producerId: string): { owner: LivePeer; producer: types.Producer; source: MediaSource } | undefined {
    for (const owner of this.peers.values()) {
      const entry = owner.producers.get(producerId);
      if (entry) return { owner, ...entry };
    }
    return undefined;
  }

  async consume(peer: LivePeer, producerId: string): Promise<types.Consumer> {
    const local = this.findProducer(producerId);
    // Not here: maybe another node hosts it (a room spanning nodes); then it is piped into the first router.
    const imported = local ? undefined : await this.importer?.(this, producerId);
    const found = local
      ? { peerId: local.owner.peerId, router: local.owner.router, producer: local.producer, source: local.source }
      : imported && { peerId: imported.peerId, router: this.router, producer: imported.producer, source: imported.source };
    if (!found || this.closed) throw notFound('producer');
    if (found.peerId === peer.peerId) throw new DomainError('conflict', 'media.ownStream');
    if (!peer.rtpCapabilities) throw new DomainError('conflict', 'media.capabilitiesFirst');
    await this.pipeTo(producerId, found.router, peer.router);
    if (!peer.router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) {
      throw new DomainError('conflict', 'media.cannotDecode');
    }
    const recv = [...peer.transports.values()].find((t) => (t.appData as { direction: string }).direction === 'recv');
    if (!recv) throw new DomainError('conflict', 'media.receiveTransportFirst');
    for (const c of peer.consumers.values()) if (c.producerId === producerId && !c.closed) c.close();
    const consumer = await recv.consume({
      producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      // Start simulcast video on the middle layer; the tile size then picks the layer.
      ...(found.producer.type === 'simulcast' ? { preferredLayers: { spatialLayer: 1 } } : {}),
      appData: { source: found.source },
    });
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    return consumer;
  }

  /** Adds a microphone hosted by another node to this room's speaker observer (piping it in). */
  async listenTo(producerId: string): Promise<void> {
    const imported = await this.importer?.(this, producerId);
    if (!imported || imported.producer.closed || this.closed) return;
    await this.speakers.addProducer({ producerId });
  }

  /** Makes a local producer available on the room's first router (where pipes to other nodes start). */
  async onFirstRouter(producerId: string): Promise<void> {
    const found = this.findProducer(producerId);
    if (!found) throw notFound('producer');
    await this.pipeTo(producerId, found.owner.router, this.router);
  }

  /** Makes one of this room's producers available on `router` (the recorder consumes everything on the first router). */
  async bringProducerTo(producerId: string, router: types.Router): Promise<void> {
    const found = this.findProducer(producerId);
    if (!found) throw notFound('producer');
    await this.pipeTo(producerId, found.owner.router, router);
  }

  /**
   * Consumes a stream that lives on the room's first router but belongs to no
   * peer (an interpretation channel, server/interpretation/): same checks as
   * `consume`, created paused, closed with the peer's transports.
   */
  async consumeStream(peer: LivePeer, producer: types.Producer, appData: Record<string, unknown>): Promise<types.Consumer> {
    if (!peer.rtpCapabilities) throw new DomainError('conflict', 'media.capabilitiesFirst');
    await this.pipeTo(producer.id, this.router, peer.router);
    if (!peer.router.canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities })) throw new DomainError('conflict', 'media.cannotDecode');
    const recv = [...peer.transports.values()].find((t) => (t.appData as { direction: string }).direction === 'recv');
    if (!recv) throw new DomainError('conflict', 'media.receiveTransportFirst');
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities, paused: true, appData });
    peer.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => peer.consumers.delete(consumer.id));
    return consumer;
  }

  /** Makes a producer available on another router of this room (once; the pipe closes with the producer). Interpretation channels use it too. */
  pipeTo(producerId: string, from: types.Router, to: types.Router): Promise<void> {
    if (from === to) return Promise.resolve();
    const key = `${producerId}:${to.id}`;
    let pending = this.pipes.get(key);
    if (!pending) {
      pending = from.pipeToRouter({ producerId, router: to }).then(({ pipeProducer }) => {
        pipeProducer?.observer.once('close', () => this.pipes.delete(key));
      });
      pending.catch(() => this.pipes.delete(key));
      this.pipes.set(key, pending);
    }
    return pending;
  }

  consumer(peer: LivePeer, consumerId: string): types.Consumer {
    const c = peer.consumers.get(consumerId);
    if (!c || c.closed) throw notFound('consumer');
    return c;
  }
}

export function toMediaPeer(p: LivePeer): MediaPeer {
  return { peerId: p.peerId, userId: p.userId, name: p.name, role: p.role, hall: p.hall, onStage: p.onStage, handRaised: p.handRaised };
}

function toRemoteProducer(owner: LivePeer, producer: types.Producer, source: MediaSource): RemoteProducer {
  return { producerId: producer.id, peerId: owner.peerId, kind: producer.kind, source, paused: producer.paused };
}
