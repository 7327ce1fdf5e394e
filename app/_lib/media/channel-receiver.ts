'use client';
import type { types as ms } from 'mediasoup-client';
import type { Channel } from '@/lib/contracts/interpretation';
import type { ClientPayload } from '@/lib/contracts/realtime';
import type { Listeners } from '../realtime-client';
import { call, RequestFailed } from './media-request';
import { SingleReceiver } from './single-receiver';

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

export class ChannelReceiver extends SingleReceiver {
  state: ReceiverState = { status: 'idle', floorLanguage: null, channels: [], language: null, track: null };

  constructor(
    private readonly sessionId: string,
    private readonly onChange: (state: ReceiverState) => void,
  ) {
    super();
  }

  private set(patch: Partial<ReceiverState>) {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  protected listeners(): Listeners {
    return {
      'interpretation:receive-closed': () => this.retry(),
      'interpretation:channels-changed': (n) => {
        this.set({ floorLanguage: n.floorLanguage, channels: n.channels });
        if (this.state.language && !n.channels.some((c) => c.language === this.state.language)) void this.choose(null);
      },
    };
  }

  protected dropped(reason: 'stopped' | 'waiting' | 'torn-down'): void {
    this.set({ status: reason === 'stopped' ? 'idle' : reason === 'waiting' ? 'waiting' : 'connecting', track: null });
  }

  protected async open(gen: number): Promise<void> {
    const r = await call('interpretation:receive', { sessionId: this.sessionId });
    if (gen !== this.generation) return;
    await this.receiveTransport(gen, r, (dtlsParameters) =>
      call('interpretation:receive-connect', { dtlsParameters: dtlsParameters as ClientPayload<'interpretation:receive-connect'>['dtlsParameters'] }),
    );
    this.set({ floorLanguage: r.floorLanguage, channels: r.channels, status: 'waiting' });
    const wanted = this.state.language ?? r.channels[0]?.language ?? null;
    if (wanted) await this.choose(wanted);
  }

  /** Not allowed to listen (no longer a member of the event): stop instead of asking again and again. */
  protected failed(err: unknown): void {
    if (err instanceof RequestFailed && err.code === 'forbidden') this.stop();
    else this.retry();
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
