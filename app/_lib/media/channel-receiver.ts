'use client';
import { Device, type types as ms } from 'mediasoup-client';
import type { Channel } from '@/lib/contracts/interpretation';
import type { ClientPayload } from '@/lib/contracts/realtime';
import { realtime } from '../realtime-client';
import { call, RequestFailed } from './media-request';

/**
 * A hall phone as an interpretation receiver: one receiving transport on the
 * session's main room and one audio consumer, the chosen channel. Loaded only
 * when someone taps Listen (it pulls in mediasoup-client). Reconnects by
 * itself: after a socket reconnect, a failed transport, or the room closing
 * (a restart), it asks again, waiting a little longer each time.
 */
export type ReceiverStatus = 'connecting' | 'waiting' | 'listening' | 'idle';

export interface ReceiverState {
  status: ReceiverStatus;
  floorLanguage: string | null;
  channels: Channel[];
  language: string | null;
  track: MediaStreamTrack | null;
}

const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

export class ChannelReceiver {
  state: ReceiverState = { status: 'idle', floorLanguage: null, channels: [], language: null, track: null };
  private device: Device | null = null;
  private transport: ms.Transport | null = null;
  private consumer: ms.Consumer | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private generation = 0;
  private readonly off: Array<() => void> = [];

  constructor(
    private readonly sessionId: string,
    private readonly onChange: (state: ReceiverState) => void,
  ) {}

  private set(patch: Partial<ReceiverState>) {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const socket = realtime();
    const onConnect = () => void this.connect();
    const onClosed = () => this.retry();
    const onChannels = (n: { floorLanguage: string | null; channels: Channel[] }) => {
      this.set({ floorLanguage: n.floorLanguage, channels: n.channels });
      if (this.state.language && !n.channels.some((c) => c.language === this.state.language)) void this.choose(null);
    };
    socket.on('connect', onConnect);
    socket.on('interpretation:receive-closed', onClosed);
    socket.on('interpretation:channels-changed', onChannels);
    this.off.push(
      () => socket.off('connect', onConnect),
      () => socket.off('interpretation:receive-closed', onClosed),
      () => socket.off('interpretation:channels-changed', onChannels),
    );
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    for (const f of this.off.splice(0)) f();
    this.teardown();
    this.set({ status: 'idle', track: null });
  }

  private teardown(): void {
    this.consumer?.close();
    this.transport?.close();
    this.consumer = null;
    this.transport = null;
  }

  private retry(): void {
    if (!this.running) return;
    this.generation++;
    this.teardown();
    this.set({ status: 'waiting', track: null });
    if (this.timer) clearTimeout(this.timer);
    const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
    this.attempt++;
    this.timer = setTimeout(() => void this.connect(), wait);
  }

  private async connect(): Promise<void> {
    if (!this.running || !realtime().connected) return;
    const gen = ++this.generation;
    this.teardown();
    this.set({ status: 'connecting', track: null });
    try {
      const r = await call('interpretation:receive', { sessionId: this.sessionId });
      if (gen !== this.generation) return;
      if (!this.device) {
        const device = new Device();
        await device.load({ routerRtpCapabilities: r.routerRtpCapabilities as ms.RtpCapabilities });
        this.device = device;
      }
      const transport = this.device.createRecvTransport(r.transport as unknown as ms.TransportOptions);
      transport.on('connect', ({ dtlsParameters }, done, fail) => {
        call('interpretation:receive-connect', { dtlsParameters: dtlsParameters as ClientPayload<'interpretation:receive-connect'>['dtlsParameters'] }).then(() => done(), fail);
      });
      transport.on('connectionstatechange', (s) => {
        if (gen !== this.generation) return;
        if (s === 'failed') this.retry();
        if (s === 'connected') this.attempt = 0;
      });
      this.transport = transport;
      this.set({ floorLanguage: r.floorLanguage, channels: r.channels, status: 'waiting' });
      const wanted = this.state.language ?? r.channels[0]?.language ?? null;
      if (wanted) await this.choose(wanted);
    } catch (err) {
      if (gen !== this.generation) return;
      if (err instanceof RequestFailed && err.code === 'forbidden') {
        this.stop();
        return;
      }
      this.retry();
    }
  }

  async choose(language: string | null): Promise<void> {
    const channel = language ? this.state.channels.find((c) => c.language === language) : null;
    this.consumer?.close();
    this.consumer = null;
    this.set({ language: channel?.language ?? null, track: null });
    const transport = this.transport;
    if (!transport || !this.device) return;
    const gen = this.generation;
    try {
      const { consumer: options } = await call('interpretation:receive-listen', {
        channelId: channel?.channelId ?? null,
        rtpCapabilities: this.device.rtpCapabilities as ClientPayload<'interpretation:receive-listen'>['rtpCapabilities'],
      });
      if (!options || gen !== this.generation || this.state.language !== channel?.language) return;
      const consumer = await transport.consume({ id: options.consumerId, producerId: options.producerId, kind: 'audio', rtpParameters: options.rtpParameters as ms.RtpParameters });
      this.consumer = consumer;
      this.set({ track: consumer.track, status: 'listening' });
    } catch {
      if (gen === this.generation) this.retry();
    }
  }

  async stats(): Promise<{ consumerId: string | null; bytesReceived: number; videoConsumers: number }> {
    let bytesReceived = 0;
    const report = await this.consumer?.getStats();
    report?.forEach((r: { type: string; bytesReceived?: number }) => {
      if (r.type === 'inbound-rtp') bytesReceived += r.bytesReceived ?? 0;
    });
    // Only ever one audio consumer: there is nothing else to count, and the stats say so to the tests.
    return { consumerId: this.consumer?.id ?? null, bytesReceived, videoConsumers: this.consumer && this.consumer.kind === 'video' ? 1 : 0 };
  }
}
