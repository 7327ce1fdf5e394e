import type { ServerEventPayload } from '../../lib/contracts/realtime';
import type { types } from 'mediasoup';
import type { MediaPeer, MediaSource, RemoteProducer } from '../../lib/contracts/media';
import { env } from '../../lib/env';
import { redisNames } from '../../lib/redis-names';
import { toMediaPeer, type ImportedProducer, type LivePeer, type LiveRoom } from '../sfu/live-room';
import type { MediaBus } from './media-bus';

/**
 * A live room whose people are connected to different Balai nodes. Each node
 * hosts the producers of its own clients and writes its peers of the room into
 * a Redis hash (the directory: which node hosts which peer and producer). A
 * node whose client consumes a producer hosted elsewhere opens a mediasoup
 * PipeTransport towards the hosting node (one per room and node pair) and asks
 * it, over the media bus, to consume the producer into the pipe; the producer
 * then exists on this node's router under the same id. Notices (peer joined,
 * producer added…) already reach every node's sockets through the Socket.IO
 * adapter, since a live room's channel spans nodes.
 */

type RedisClient = ReturnType<typeof import('redis').createClient<{}, {}, {}, 3>>;

interface DirectoryEntry {
  nodeId: string;
  /** The programme session the room belongs to (breakout room keys do not say). */
  sessionId?: string;
  peer: MediaPeer;
  producers: RemoteProducer[];
}

interface PipeOpen {
  roomKey: string;
  ip: string;
  port: number;
}
interface PipeConsume {
  transportId: string;
  producerId: string;
}
interface PipeConsumed {
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
  paused: boolean;
}

/** A node that has not beaten for this long (beats come every second; half the node timeout if longer) is left out of rooms until it beats again or is declared dead. */
const SILENT_MS = 2500;

/** The address other nodes reach this node's pipe transports at. */
export function nodeAddress(): string {
  const e = env();
  return e.BALAI_NODE_ADDRESS ?? e.MEDIASOUP_ANNOUNCED_ADDRESS ?? '127.0.0.1';
}

function pipeOptions(): types.PipeTransportOptions {
  const e = env();
  return {
    listenInfo: {
      protocol: 'udp',
      ip: e.PIPE_LISTEN_IP,
      announcedAddress: nodeAddress(),
      portRange: { min: Math.min(e.PIPE_MIN_PORT, e.PIPE_MAX_PORT), max: Math.max(e.PIPE_MIN_PORT, e.PIPE_MAX_PORT) },
    },
  };
}

interface RoomImports {
  /** Pipe transports towards hosting nodes, by node id. */
  transports: Map<string, Promise<{ transport: types.PipeTransport; remoteId: string }>>;
  producers: Map<string, Promise<ImportedProducer | undefined>>;
}

export class ClusterMedia {
  private readonly names;
  /** Pipe transports this node serves to other nodes, by id, with the room they belong to. */
  private readonly served = new Map<string, { transport: types.PipeTransport; room: LiveRoom; to: string }>();
  private readonly imports = new WeakMap<LiveRoom, RoomImports>();

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    readonly bus: MediaBus,
    private readonly localRoom: (roomKey: string) => Promise<LiveRoom | undefined>,
    /** Drops peers another node hosted from this node's copy of a room (rooms.ts forgetRemotePeers). */
    private readonly forgetPeers: (gone: { roomKey: string; peerIds: string[] }) => Promise<void>,
  ) {
    this.names = redisNames(prefix);
    bus.on('node:dead', async (body) => this.closePipesWith((body as { nodeId: string }).nodeId));
    bus.on('pipe:open', (body, from) => this.servePipe(body as PipeOpen, from));
    bus.on('pipe:consume', (body) => this.serveProducer(body as PipeConsume));
    bus.on('pipe:closed', async (body) => this.importedClosed((body as { producerId: string }).producerId));
    bus.on('pipe:paused', async (body) => {
      const { producerId, paused } = body as { producerId: string; paused: boolean };
      await this.importedPaused(producerId, paused);
    });
  }

  get nodeId(): string {
    return this.bus.nodeId;
  }

  // ---- the directory ----

  peerChanged(roomKey: string, sessionId: string, peer: LivePeer): void {
    const entry: DirectoryEntry = {
      nodeId: this.nodeId,
      sessionId,
      peer: toMediaPeer(peer),
      producers: [...peer.producers.values()].map(({ producer, source }) => ({
        producerId: producer.id,
        peerId: peer.peerId,
        kind: producer.kind,
        source,
        paused: producer.paused,
      })),
    };
    this.redis
      .multi()
      .hSet(this.names.roomPeers(roomKey), peer.peerId, JSON.stringify(entry))
      .sAdd(this.names.nodeRooms(this.nodeId), roomKey)
      .sAdd(this.names.sessionRooms(sessionId), roomKey)
      .exec()
      .catch((err: unknown) => console.error('[cluster] could not publish a peer', err));
  }

  peerGone(roomKey: string, peerId: string): void {
    this.redis.hDel(this.names.roomPeers(roomKey), peerId).catch((err: unknown) => console.error('[cluster] could not unpublish a peer', err));
  }

  /** The room's peers and producers hosted by other nodes. */
  async remote(roomKey: string): Promise<{ peers: MediaPeer[]; producers: RemoteProducer[] }> {
    const entries = await this.answering(roomKey);
    const others = entries.filter((e) => e.nodeId !== this.nodeId);
    return { peers: others.map((e) => e.peer), producers: others.flatMap((e) => e.producers) };
  }

  /** The node hosting a peer of this room elsewhere, with the peer as that node described it. */
  async hostOf(roomKey: string, peerId: string): Promise<{ nodeId: string; peer: MediaPeer } | undefined> {
    const entry = (await this.answering(roomKey)).find((e) => e.peer.peerId === peerId && e.nodeId !== this.nodeId);
    return entry && { nodeId: entry.nodeId, peer: entry.peer };
  }

  /**
   * The session's media peers hosted by other nodes, in any of its live rooms (main and breakouts): who is
   * "in the call" anywhere. The index only grows (a session has a few room keys); empty rooms list nobody.
   */
  async sessionPeers(sessionId: string): Promise<Array<MediaPeer & { roomKey: string }>> {
    const out: Array<MediaPeer & { roomKey: string }> = [];
    for (const roomKey of await this.redis.sMembers(this.names.sessionRooms(sessionId))) {
      for (const e of await this.answering(roomKey)) if (e.nodeId !== this.nodeId) out.push({ ...e.peer, roomKey });
    }
    return out;
  }

  /**
   * The room's directory without the peers of nodes that stopped beating (killed, cut off) but are not yet
   * declared dead: a browser re-joining after its node died must not be shown its own former self, nor wait for
   * a pipe from a node that will never answer. The heartbeat key's remaining time tells, on Redis's own clock.
   */
  private async answering(roomKey: string): Promise<DirectoryEntry[]> {
    const entries = await this.entries(roomKey);
    const others = [...new Set(entries.map((e) => e.nodeId).filter((id) => id !== this.nodeId))];
    if (others.length === 0) return entries;
    const timeoutMs = env().BALAI_NODE_TIMEOUT_SECONDS * 1000;
    const left = await Promise.all(others.map((id) => this.redis.pTTL(this.names.node(id))));
    const silentMs = Math.min(timeoutMs, Math.max(SILENT_MS, timeoutMs / 2));
    const silent = new Set(others.filter((_, i) => timeoutMs - Number(left[i]) > silentMs || Number(left[i]) <= 0));
    return entries.filter((e) => !silent.has(e.nodeId));
  }

  private async entries(roomKey: string): Promise<DirectoryEntry[]> {
    const raw = await this.redis.hGetAll(this.names.roomPeers(roomKey));
    return Object.values(raw).map((json) => JSON.parse(String(json)) as DirectoryEntry);
  }

  // ---- importing a producer hosted elsewhere ----

  importer = async (room: LiveRoom, producerId: string): Promise<ImportedProducer | undefined> => {
    let imports = this.imports.get(room);
    if (!imports) {
      this.imports.set(room, (imports = { transports: new Map(), producers: new Map() }));
      this.track(room);
    }
    let pending = imports.producers.get(producerId);
    if (!pending) {
      // Registered before the first await: a consumer and the speaker observer asking at once share one pipe
      // (mediasoup refuses a second producer with the same id).
      pending = (async () => {
        const host = (await this.answering(room.key)).find((e) => e.nodeId !== this.nodeId && e.producers.some((p) => p.producerId === producerId));
        if (!host) return undefined;
        const described = host.producers.find((p) => p.producerId === producerId)!;
        const producer = await this.pipeIn(room, imports, host.nodeId, producerId, described.peerId);
        return { producer, source: described.source as MediaSource, peerId: described.peerId };
      })();
      imports.producers.set(producerId, pending);
      pending.then(
        (found) => (found ? found.producer.observer.once('close', () => imports.producers.delete(producerId)) : imports.producers.delete(producerId)),
        () => imports.producers.delete(producerId),
      );
    }
    return pending;
  };

  private async pipeIn(room: LiveRoom, imports: RoomImports, hostNode: string, producerId: string, peerId: string): Promise<types.Producer> {
    let pipe = imports.transports.get(hostNode);
    if (!pipe) {
      pipe = (async () => {
        const transport = await room.router.createPipeTransport({ ...pipeOptions(), appData: { hostNode } });
        try {
          const answer = await this.bus.request<{ transportId: string; ip: string; port: number }>(hostNode, 'pipe:open', {
            roomKey: room.key,
            ip: nodeAddress(),
            port: transport.tuple.localPort,
          } satisfies PipeOpen);
          await transport.connect({ ip: answer.ip, port: answer.port });
          return { transport, remoteId: answer.transportId };
        } catch (err) {
          transport.close();
          throw err;
        }
      })();
      imports.transports.set(hostNode, pipe);
      pipe.then(
        ({ transport }) => transport.observer.once('close', () => imports.transports.delete(hostNode)),
        () => imports.transports.delete(hostNode),
      );
    }
    const { transport, remoteId } = await pipe;
    const consumed = await this.bus.request<PipeConsumed>(hostNode, 'pipe:consume', { transportId: remoteId, producerId } satisfies PipeConsume);
    return transport.produce({ id: producerId, kind: consumed.kind, rtpParameters: consumed.rtpParameters, paused: consumed.paused, appData: { hostNode, peerId } });
  }

  private async importedClosed(producerId: string): Promise<void> {
    for (const room of this.roomsWithImports()) {
      // A pipe that failed to open has nothing to close.
      const imported = await this.imports.get(room)?.producers.get(producerId)?.catch(() => undefined);
      imported?.producer.close();
    }
  }

  /** The hosting node paused or resumed the original (a mute): the copy follows, so consumers here say so too. */
  private async importedPaused(producerId: string, paused: boolean): Promise<void> {
    for (const room of this.roomsWithImports()) {
      const producer = (await this.imports.get(room)?.producers.get(producerId)?.catch(() => undefined))?.producer;
      if (!producer || producer.closed) continue;
      if (paused) await producer.pause();
      else await producer.resume();
    }
  }

  private roomsWithImports(): LiveRoom[] {
    return [...this.importingRooms].filter((r) => !r.closed);
  }

  private readonly importingRooms = new Set<LiveRoom>();

  /** Remembers rooms that import (WeakMap keys cannot be listed). */
  track(room: LiveRoom): void {
    this.importingRooms.add(room);
    room.onClose(() => this.importingRooms.delete(room));
  }

  // ---- serving a producer to another node ----

  private async servePipe({ roomKey, ip, port }: PipeOpen, from: string): Promise<{ transportId: string; ip: string; port: number }> {
    const room = await this.localRoom(roomKey);
    if (!room || room.closed) throw new Error(`no live room ${roomKey} here`);
    const transport = await room.router.createPipeTransport(pipeOptions());
    await transport.connect({ ip, port });
    this.served.set(transport.id, { transport, room, to: from });
    transport.observer.once('close', () => this.served.delete(transport.id));
    return { transportId: transport.id, ip: nodeAddress(), port: transport.tuple.localPort };
  }

  private async serveProducer({ transportId, producerId }: PipeConsume): Promise<PipeConsumed> {
    const served = this.served.get(transportId);
    if (!served) throw new Error('no such pipe');
    await served.room.onFirstRouter(producerId);
    const consumer = await served.transport.consume({ producerId });
    // The importing node's copy follows the original: closed with it, paused with it.
    const tell = (type: string, body: unknown) => void this.bus.tell(served.to, type, body).catch((err: unknown) => console.error(`[cluster] ${type}`, err));
    consumer.observer.once('close', () => tell('pipe:closed', { producerId }));
    // As mediasoup's own pipeToRouter does within a process: the pipe's far end pauses with the original.
    consumer.on('producerpause', () => tell('pipe:paused', { producerId, paused: true }));
    consumer.on('producerresume', () => tell('pipe:paused', { producerId, paused: false }));
    return { kind: consumer.kind, rtpParameters: consumer.rtpParameters, paused: consumer.producerPaused };
  }

  // ---- a dead node ----

  /** Forgets a dead node's peers in every room it had, tells those rooms, and closes what was piped from it. */
  async afterDeadNode(dead: string, tell: <K extends 'media:peer-left' | 'media:producer-closed'>(roomKey: string, event: K, payload: ServerEventPayload<K>) => void): Promise<void> {
    const gone: Array<{ roomKey: string; peerIds: string[] }> = [];
    for (const roomKey of await this.redis.sMembers(this.names.nodeRooms(dead))) {
      const peerIds: string[] = [];
      for (const entry of await this.entries(roomKey)) {
        if (entry.nodeId !== dead) continue;
        await this.redis.hDel(this.names.roomPeers(roomKey), entry.peer.peerId);
        for (const p of entry.producers) tell(roomKey, 'media:producer-closed', { producerId: p.producerId });
        tell(roomKey, 'media:peer-left', { peerId: entry.peer.peerId });
        peerIds.push(entry.peer.peerId);
      }
      if (peerIds.length) gone.push({ roomKey, peerIds });
    }
    await this.redis.del(this.names.nodeRooms(dead));
    await this.closePipesWith(dead);
    await this.bus.broadcast('node:dead', { nodeId: dead });
    // Every node (this one too) drops them as active speaker or spotlight of its copy of the room.
    for (const room of gone) {
      await this.forgetPeers(room);
      await this.bus.broadcast('room:peer-gone', room);
    }
  }

  /** Closes the pipes to and from a node (it died): what was piped from it closes here, and its consumers with it. */
  private async closePipesWith(nodeId: string): Promise<void> {
    for (const { transport, to } of [...this.served.values()]) if (to === nodeId) transport.close();
    for (const room of this.roomsWithImports()) {
      const pipe = this.imports.get(room)?.transports.get(nodeId);
      if (!pipe) continue;
      const opened = await pipe.catch((err: unknown) => (console.error(`[cluster] pipe to ${nodeId} had failed`, err), null));
      opened?.transport.close();
    }
  }
}
