import { rooms } from '../../lib/realtime/rooms';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { listen, type BalaiServer } from './handler';
import { notice } from './notices';
import type { ServerEventName, ServerEventPayload } from '../../lib/contracts/realtime';
import { originAllowed, useHandshakeAuth } from './handshake';
import { joinAccessRooms, startAccessControl } from './access';
import { presenceAfterDeadNode, registerPresence } from './presence';
import { attachNode, NodeRegistry } from '../cluster/node-registry';
import { refreshSessionLiveRooms, registerMedia } from './media';
import { serveModeration } from './media-moderation';
import { startAttendanceKeeper } from './attendance';
import { registerBreakouts } from './breakouts';
import { pollResultsFor, rearmQuizTimers, stopQuizTimers } from './polls';
import { registerDisplay } from './display';
import { stopReactions } from './reactions';
import { showHandOnPeers } from './hands';
import { startRecordingNotices } from './recording';
import { startStreamNotices } from './streaming';
import { notifyChannels, registerInterpretation } from './interpretation';
import { attachInterpretation } from '../interpretation/channels';
import { broadcastCaption } from './captions';
import { startAutoCaptions } from '../captions/auto-captions';
import { startBreakoutInterpreters, stopBreakoutInterpreters } from '../interpretation/breakout-interpreters';
import { startBreakoutsLive, stopBreakoutsLive } from './breakout-live';
import { attachClusterMedia, attachLiveRooms, clusterMedia } from '../sfu/rooms';
import { MediaBus } from '../cluster/media-bus';
import { ClusterMedia } from '../cluster/cluster-media';
import { wireSharedMaps } from '../cluster/shared-map';
import { setBroadcaster } from '../../lib/services/broadcast';
import { addSecurityHeaders, type SecurityConfig } from '../http/security';
import { redisNames } from '../../lib/redis-names';
import { createRequestLimiter, setRequestLimiter, type RequestLimiter } from './request-limit';
// Domains whose requests are defined once for the process (handle()), imported for those definitions.
import './qa';
import './chat';
import './plans';
import './lobby';
import './session';
import './watchers';

export interface RealtimeOptions {
  secret: string;
  allowedOrigins: string[];
  redisUrl?: string;
  /** REDIS_PREFIX: every Redis name of this deployment starts with it. */
  redisPrefix: string;
  /** BALAI_NODE_TIMEOUT_SECONDS: a node silent this long is dead, and cleaned up after. */
  nodeTimeoutSeconds: number;
  /** This node's name among the nodes sharing the Redis. */
  nodeId: string;
  security: SecurityConfig;
  /** SOCKET_MESSAGE_LIMIT: a bigger message (or polling request) closes its connection. */
  maxMessageBytes: number;
  /** How often every open socket's session is re-checked (seconds). */
  sessionRecheckSeconds: number;
}

export interface Realtime {
  io: BalaiServer;
  /** This node among the others (none without Redis). */
  node?: NodeRegistry;
  /** Refuses new connections, asks every client to move to another node, and resolves once none is left or after `graceMs`. */
  drain(graceMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRealtime(httpServer: HttpServer, options: RealtimeOptions): Promise<Realtime> {
  let draining = false;
  const io: BalaiServer = new Server(httpServer, {
    path: '/socket.io',
    // Next.js handles other upgrade requests (dev HMR); don't let engine.io destroy them.
    destroyUpgrade: false,
    // A draining node takes no new connection: the client's reconnection finds another node through the load balancer.
    allowRequest: (req, callback) => callback(null, !draining && originAllowed(req, options.allowedOrigins)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    maxHttpBufferSize: options.maxMessageBytes,
  });
  // Socket.IO answers its own HTTP requests (handshake, long polling) before the app's handler sees them.
  io.engine.on('initial_headers', (headers: Record<string, string>, req: IncomingMessage) => addSecurityHeaders(headers, req, options.security));
  io.engine.on('headers', (headers: Record<string, string>, req: IncomingMessage) => addSecurityHeaders(headers, req, options.security));

  let closeRedis: (() => Promise<void>) | undefined;
  let limiter: RequestLimiter | undefined;
  let leaveCluster: (() => Promise<void>) | undefined;
  let node: NodeRegistry | undefined;
  if (options.redisUrl) {
    const { createClient } = await import('redis');
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    const client = createClient({ url: options.redisUrl });
    client.on('error', (err: unknown) => console.error('[redis]', err));
    await client.connect();
    const names = redisNames(options.redisPrefix);
    io.adapter(
      createAdapter(client, {
        streamName: names.adapterStream,
        channelPrefix: names.adapterChannel,
        sessionKeyPrefix: names.adapterSessions,
        // A dead node stops counting for the adapter's cross-node queries as soon as our own heartbeats call it dead.
        heartbeatInterval: 1000,
        heartbeatTimeout: options.nodeTimeoutSeconds * 1000,
      }),
    );
    // Its own connection: the adapter's blocking stream reads would hold the counts' commands up.
    const counts = client.duplicate();
    counts.on('error', (err: unknown) => console.error('[redis]', err));
    await counts.connect();
    limiter = createRequestLimiter({ client: counts as typeof client, prefix: names.requests });
    node = new NodeRegistry({ redis: client, prefix: options.redisPrefix, nodeId: options.nodeId, timeoutSeconds: options.nodeTimeoutSeconds });
    node.onDeadNode(presenceAfterDeadNode(io));
    // Live rooms span nodes: pipe offers and answers, moves and closes travel on the media bus.
    const bus = new MediaBus(client, options.redisPrefix, options.nodeId);
    await bus.start();
    attachClusterMedia(bus, (localRoom, forget) => new ClusterMedia(client, options.redisPrefix, bus, localRoom, forget));
    // Before breakouts start (their moderators' visits are one of these maps).
    await wireSharedMaps({ redis: client, prefix: options.redisPrefix, bus });
    serveModeration(io, bus, (sessionId) => refreshSessionLiveRooms(io, sessionId));
    bus.on('hand:changed', async (body) => {
      const { sessionId, userId, raised } = body as { sessionId: string; userId: string; raised: boolean };
      showHandOnPeers(sessionId, userId, raised);
    });
    const tellRoom = <K extends ServerEventName>(roomKey: string, event: K, payload: ServerEventPayload<K>) => notice(io.to(rooms.live(roomKey)), event, payload);
    node.onDeadNode(async (dead) => clusterMedia()?.afterDeadNode(dead, tellRoom));
    await node.start();
    attachNode(io, node);
    leaveCluster = async () => {
      // Whatever this node still lists in shared rooms goes now (its sockets' disconnects removed most), and the
      // other nodes close their pipes to it, as if it had died.
      await clusterMedia()
        ?.afterDeadNode(options.nodeId, tellRoom)
        .catch((err: unknown) => console.error('[cluster] could not leave the shared rooms cleanly', err));
    };
    closeRedis = async () => {
      await node?.stop();
      attachClusterMedia(undefined);
      await wireSharedMaps(undefined);
      await bus.stop();
      await client.quit();
    };
  }
  limiter ??= createRequestLimiter();
  setRequestLimiter(io, limiter);

  useHandshakeAuth(io, options.secret);
  io.on('connection', (socket) => {
    // A projector's display link is no person: it gets the display's one request and nothing else.
    if (socket.data.display) return registerDisplay(io, socket, socket.data.display);
    listen(socket, true);
    void joinAccessRooms(socket);
    registerPresence(socket);
    registerMedia(socket);
    registerBreakouts(socket);
    registerInterpretation(socket);
  });
  attachLiveRooms(io);
  const stopRecordingNotices = startRecordingNotices(io);
  const stopStreamNotices = startStreamNotices(io);
  attachInterpretation(notifyChannels(io));
  startAutoCaptions((line) => broadcastCaption(io, line));
  const accessControl = startAccessControl(io, options.sessionRecheckSeconds, Boolean(options.redisUrl));
  // Closes attendance intervals a crashed process left open, then keeps this process's fresh.
  const attendanceKeeper = startAttendanceKeeper(io);
  // Breakout timers are rebuilt from the database before the first socket connects.
  await startBreakoutsLive(io, { clustered: Boolean(options.redisUrl) });
  // After the breakout resolver, so an interpreter placed in a breakout room is asked about first.
  startBreakoutInterpreters();
  // Timed quizzes still live when the process stopped close at their deadline (or at once if it passed).
  await rearmQuizTimers(io);
  setBroadcaster((targets, name, payload) => notice(io.to(targets), name, payload));

  return {
    io,
    node,
    async drain(graceMs) {
      draining = true;
      await node?.setDraining();
      // Spread over a few seconds, so the other nodes are not hit by every client at once.
      const moveWithinMs = Math.min(5000, Math.floor(graceMs / 2));
      io.local.emit('node:drain-started', { moveWithinMs });
      const until = Date.now() + graceMs;
      while (io.of('/').sockets.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    },
    async close() {
      await attendanceKeeper.stop();
      pollResultsFor(io).stop();
      stopReactions(io);
      stopQuizTimers(io);
      accessControl.stop();
      stopRecordingNotices();
      stopStreamNotices();
      setBroadcaster(undefined);
      stopBreakoutsLive();
      stopBreakoutInterpreters();
      attachNode(io, undefined);
      // Sockets go while the live rooms can still tell the other nodes' clients that their peers left.
      io.disconnectSockets(true);
      await leaveCluster?.();
      attachLiveRooms(undefined);
      attachInterpretation(undefined);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await limiter?.close();
      await closeRedis?.();
    },
  };
}
