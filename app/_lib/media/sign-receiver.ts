'use client';
import type { types as ms } from 'mediasoup-client';
import type { ClientPayload } from '@/lib/contracts/realtime';
import type { Listeners } from '../realtime-client';
import { call } from './media-request';
import { SingleReceiver } from './single-receiver';

/**
 * The projector (a display link) receiving the sign-language interpreter: one
 * receiving transport on the session's main room and one video consumer, the
 * signer's camera. Watches again when the server says the signer or their
 * camera changed; reconnects by itself when the room is not live yet or
 * closed (waiting a little longer each time).
 */
export interface SignState {
  name: string | null;
  track: MediaStreamTrack | null;
}

export class SignReceiver extends SingleReceiver {
  state: SignState = { name: null, track: null };
  /** The latest watch: a newer one (the signer changed again) wins over one still in flight. */
  private watching = 0;

  constructor(private readonly onChange: (state: SignState) => void) {
    super();
  }

  private set(next: SignState) {
    this.state = next;
    this.onChange(next);
  }

  protected listeners(): Listeners {
    return {
      'display:sign-changed': () => void (this.transport && !this.transport.closed ? this.watch(this.generation) : this.connect()),
      // Disconnected (a revoked link is disconnected by the server): nothing frozen stays on the projector.
      disconnect: () => {
        this.generation++;
        this.teardown();
        this.dropped();
      },
    };
  }

  protected dropped(): void {
    if (this.state.track) this.set({ name: null, track: null });
  }

  protected async open(gen: number): Promise<void> {
    const r = await call('display:sign-open', {});
    if (gen !== this.generation) return;
    await this.receiveTransport(gen, r, (dtlsParameters) =>
      call('display:sign-connect', { dtlsParameters: dtlsParameters as ClientPayload<'display:sign-connect'>['dtlsParameters'] }),
    );
    await this.watch(gen);
  }

  /** Asks for the signer's camera again (the old consumer closes on the server). */
  private async watch(gen: number): Promise<void> {
    const transport = this.transport;
    if (!transport || !this.device) return;
    const w = ++this.watching;
    const stale = () => gen !== this.generation || w !== this.watching;
    this.consumer?.close();
    this.consumer = null;
    try {
      const { signer } = await call('display:sign-watch', { rtpCapabilities: this.device.rtpCapabilities as ClientPayload<'display:sign-watch'>['rtpCapabilities'] });
      if (stale()) return;
      if (!signer) {
        this.set({ name: null, track: null });
        return;
      }
      const consumer = await transport.consume({ id: signer.consumerId, producerId: signer.producerId, kind: 'video', rtpParameters: signer.rtpParameters as ms.RtpParameters });
      if (stale()) return consumer.close();
      this.consumer = consumer;
      await call('display:sign-resume', { consumerId: consumer.id });
      this.set({ name: signer.name, track: consumer.track });
    } catch {
      if (!stale()) this.retry();
    }
  }

  /** For the tests: what the projector decodes, and that it holds nothing but the signer's video. */
  async stats(): Promise<{ consumerId: string | null; framesDecoded: number; consumers: number; audioConsumers: number }> {
    let framesDecoded = 0;
    const report = await this.consumer?.getStats();
    report?.forEach((r: { type: string; framesDecoded?: number }) => {
      if (r.type === 'inbound-rtp') framesDecoded += r.framesDecoded ?? 0;
    });
    const consumers = this.consumer && !this.consumer.closed ? 1 : 0;
    return { consumerId: this.consumer?.id ?? null, framesDecoded, consumers, audioConsumers: consumers && this.consumer!.kind === 'audio' ? 1 : 0 };
  }
}
