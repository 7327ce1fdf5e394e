import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { BalaiServer } from './handler';
import { originAllowed, useHandshakeAuth } from './handshake';
import { registerPresence } from './presence';
import { registerSessionControl } from './session';
import { registerQa } from './qa';
import { registerMedia } from './media';
import { registerChat } from './chat';
import { registerAttendance, startAttendanceKeeper } from './attendance';
import { registerBreakouts } from './breakouts';
import { registerPlans } from './plans';
import { startBreakoutsLive, stopBreakoutsLive } from './breakout-live';
import { attachLiveRooms } from '../sfu/rooms';
import { setBroadcaster } from '../../lib/services/broadcast';

export interface RealtimeOptions {
  secret: string;
  allowedOrigins: string[];
  redisUrl?: string;
  redisStreamName?: string;
}

export async function startRealtime(httpServer: HttpServer, options: RealtimeOptions): Promise<{ io: BalaiServer; close(): Promise<void> }> {
  const io: BalaiServer = new Server(httpServer, {
    path: '/socket.io',
    // Next.js handles other upgrade requests (dev HMR); don't let engine.io destroy them.
    destroyUpgrade: false,
    allowRequest: (req, callback) => callback(null, originAllowed(req, options.allowedOrigins)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    maxHttpBufferSize: 1e6,
  });

  let closeRedis: (() => Promise<void>) | undefined;
  if (options.redisUrl) {
    const { createClient } = await import('redis');
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    const client = createClient({ url: options.redisUrl });
    client.on('error', (err: unknown) => console.error('[redis]', err));
    await client.connect();
    io.adapter(createAdapter(client, options.redisStreamName ? { streamName: options.redisStreamName } : {}));
    closeRedis = async () => {
      await client.quit();
    };
  }

  useHandshakeAuth(io, options.secret);
  io.on('connection', (socket) => {
    registerPresence(io, socket);
    registerSessionControl(io, socket);
    registerQa(io, socket);
    registerMedia(io, socket);
    registerChat(io, socket);
    registerAttendance(io, socket);
    registerBreakouts(io, socket);
    registerPlans(io, socket);
  });
  attachLiveRooms(io);
  // Closes attendance intervals a crashed process left open, then keeps this process's fresh.
  const attendanceKeeper = startAttendanceKeeper(io);
  // Breakout timers are rebuilt from the database before the first socket connects.
  await startBreakoutsLive(io);
  setBroadcaster((targets, name, payload) => {
    // The emit signature is generic over the event name; the contract guarantees the pairing.
    (io.to(targets).emit as (n: string, p: unknown) => boolean)(name, payload);
  });

  return {
    io,
    async close() {
      await attendanceKeeper.stop();
      setBroadcaster(undefined);
      stopBreakoutsLive();
      attachLiveRooms(undefined);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await closeRedis?.();
    },
  };
}
