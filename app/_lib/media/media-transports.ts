'use client';
// A static import: the room client is itself loaded apart from every other page's code (the stage's dynamic
// import, or early-join.ts from instrumentation-client), so mediasoup-client comes in the same fetch
// instead of a second one chained after it, which cost a round trip in the middle of a join.
import { Device } from 'mediasoup-client';
import type { types as ms } from 'mediasoup-client';
import type { MediaJoined, MediaSource } from '@/lib/contracts/media';
import type { ClientPayload } from '@/lib/contracts/realtime';
import { realtime } from '../realtime-client';
import { call } from './media-request';
import type { RoomContext } from './room-context';

const CAPABILITIES_KEY = 'balai:router-capabilities';
let preloaded: { key: string; device: Promise<Device | null> } | null = null;

/**
 * Loads a mediasoup Device ahead of the join (issue 10.8) with the router capabilities this browser saw at
 * its last join: every router of a deployment has the same codecs, so the join's own capabilities usually
 * match and `open` finds the Device ready instead of loading it between two round trips. A mismatch (another
 * deployment, a new codec) only costs the load it would have cost anyway.
 */
export function preloadDevice(known?: unknown): void {
  if (preloaded) return;
  // The page may know the capabilities (a first visit's device check, boot-prejoin.ts); else the last join's.
  let key: string | null = known ? JSON.stringify(known) : null;
  try {
    key ??= localStorage.getItem(CAPABILITIES_KEY);
  } catch {
    // Storage blocked: the join loads its Device itself.
  }
  if (!key) return;
  const caps = key;
  preloaded = {
    key: caps,
    device: (async () => {
      const device = new Device();
      await device.load({ routerRtpCapabilities: JSON.parse(caps) as ms.RtpCapabilities });
      return device;
    })().catch(() => null),
  };
}

async function deviceFor(routerRtpCapabilities: MediaJoined['routerRtpCapabilities']): Promise<Device> {
  const key = JSON.stringify(routerRtpCapabilities);
  const ready = preloaded;
  preloaded = null;
  // Remembered for the next join (whether or not this one found its Device preloaded: the page may have sent them).
  try {
    localStorage.setItem(CAPABILITIES_KEY, key);
  } catch {
    // Storage full or blocked: the next join loads its Device after the join.
  }
  const device = ready?.key === key ? await ready.device : null;
  if (device) return device;
  const fresh = new Device();
  await fresh.load({ routerRtpCapabilities: routerRtpCapabilities as ms.RtpCapabilities });
  return fresh;
}

/**
 * The mediasoup Device and WebRTC transports of one join: the receiving one is
 * made when joining, the sending one on the first publish.
 */
export class MediaTransports {
  private device: Device | null = null;
  private send: ms.Transport | null = null;
  private receive: ms.Transport | null = null;
  private iceRestarts = 0;

  constructor(
    private readonly room: RoomContext,
    private readonly rejoin: () => Promise<void>,
  ) {}

  get recv(): ms.Transport | null {
    return this.receive;
  }

  /** Loads the Device for the router and opens the receiving transport; false if a newer join took over meanwhile. */
  async open(routerRtpCapabilities: MediaJoined['routerRtpCapabilities'], gen: number): Promise<boolean> {
    const device = await deviceFor(routerRtpCapabilities);
    if (gen !== this.room.generation) return false;
    this.device = device;
    // Both at once, one round trip instead of two: the server only stores the capabilities, and the first request
    // that needs them (a consume) is sent after both answers.
    const [told, created] = await Promise.allSettled([
      call('media:set-capabilities', { rtpCapabilities: device.rtpCapabilities as ClientPayload<'media:set-capabilities'>['rtpCapabilities'] }),
      this.create('recv', gen),
    ]);
    if (told.status === 'rejected') {
      if (created.status === 'fulfilled') created.value.close();
      throw told.reason;
    }
    if (created.status === 'rejected') throw created.reason;
    const receive = created.value;
    // A newer join took over while this transport was opening: it belongs to no join, so it must not be kept.
    if (gen !== this.room.generation) {
      receive.close();
      return false;
    }
    this.receive = receive;
    this.iceRestarts = 0;
    return true;
  }

  async sendTransport(gen: number): Promise<ms.Transport> {
    if (!this.send) this.send = await this.create('send', gen);
    return this.send;
  }

  close(): void {
    this.send?.close();
    this.receive?.close();
    this.send = null;
    this.receive = null;
    this.device = null;
  }

  private async create(direction: 'send' | 'recv', gen: number): Promise<ms.Transport> {
    const options = await call('media:create-transport', { direction });
    const device = this.device!;
    const init = options as unknown as ms.TransportOptions;
    const transport = direction === 'send' ? device.createSendTransport(init) : device.createRecvTransport(init);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      call('media:connect-transport', { transportId: transport.id, dtlsParameters: dtlsParameters as ClientPayload<'media:connect-transport'>['dtlsParameters'] }).then(
        () => done(),
        fail,
      );
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
        // An interpreter's voice goes into their channel, never into the room as floor audio.
        const channelId = (appData as { channelId?: string }).channelId;
        if (channelId) {
          call('interpretation:produce', {
            channelId,
            transportId: transport.id,
            rtpParameters: rtpParameters as ClientPayload<'interpretation:produce'>['rtpParameters'],
          }).then(({ producerId }) => done({ id: producerId }), fail);
          return;
        }
        call('media:produce', {
          transportId: transport.id,
          kind,
          source: (appData as { source: MediaSource }).source,
          rtpParameters: rtpParameters as ClientPayload<'media:produce'>['rtpParameters'],
        }).then(({ producerId }) => done({ id: producerId }), fail);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (gen !== this.room.generation) return;
      if (state === 'failed' || state === 'disconnected') void this.recover(transport, gen);
      if (state === 'connected') this.iceRestarts = 0;
    });
    return transport;
  }

  /** Network blip: try an ICE restart first; if that does not bring it back, join again. */
  private async recover(transport: ms.Transport, gen: number): Promise<void> {
    if (this.iceRestarts >= 2 || !realtime().connected) {
      if (transport.connectionState === 'failed' && realtime().connected) await this.rejoin();
      return;
    }
    this.iceRestarts++;
    try {
      const { iceParameters } = await call('media:restart-ice', { transportId: transport.id });
      if (gen !== this.room.generation || transport.closed) return;
      await transport.restartIce({ iceParameters: iceParameters as ms.IceParameters });
    } catch {
      if (gen === this.room.generation) await this.rejoin();
    }
  }
}
