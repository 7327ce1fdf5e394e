'use client';
import { Device, type types as ms } from 'mediasoup-client';
import type { ClientPayload } from '@/lib/contracts/realtime';
import { realtime } from '../realtime-client';
import { call } from './media-request';

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

const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

export class SignReceiver {
  state: SignState = { name: null, track: null };
  private device: Device | null = null;
  private transport: ms.Transport | null = null;
  private consumer: ms.Consumer | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private generation = 0;
  /** The latest watch: a newer one (the signer changed again) wins over one still in flight. */
  private watching = 0;
  private readonly off: Array<() => void> = [];

  constructor(private readonly onChange: (state: SignState) => void) {}

  private set(next: SignState) {
    this.state = next;
    this.onChange(next);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const socket = realtime();
    const onConnect = () => void this.connect();
    const onChanged = () => void (this.transport && !this.transport.closed ? this.watch(this.generation) : this.connect());
    // Disconnected (a revoked link is disconnected by the server): nothing frozen stays on the projector.
    const onDisconnect = () => {
      this.generation++;
      this.teardown();
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('display:sign-changed', onChanged);
    this.off.push(
      () => socket.off('connect', onConnect),
      () => socket.off('disconnect', onDisconnect),
      () => socket.off('display:sign-changed', onChanged),
    );
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    for (const f of this.off.splice(0)) f();
    this.teardown();
  }

  private teardown(): void {
    this.consumer?.close();
    this.transport?.close();
    this.consumer = null;
    this.transport = null;
    if (this.state.track) this.set({ name: null, track: null });
  }

  private retry(): void {
    if (!this.running) return;
    this.generation++;
    this.teardown();
    if (this.timer) clearTimeout(this.timer);
    const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
    this.attempt++;
    this.timer = setTimeout(() => void this.connect(), wait);
  }

  private async connect(): Promise<void> {
    if (!this.running || !realtime().connected) return;
    if (this.timer) clearTimeout(this.timer);
    const gen = ++this.generation;
    this.teardown();
    try {
      const r = await call('display:sign-open', {});
      if (gen !== this.generation) return;
      if (!this.device) {
        const device = new Device();
        await device.load({ routerRtpCapabilities: r.routerRtpCapabilities as ms.RtpCapabilities });
        this.device = device;
      }
      const transport = this.device.createRecvTransport(r.transport as unknown as ms.TransportOptions);
      transport.on('connect', ({ dtlsParameters }, done, fail) => {
        call('display:sign-connect', { dtlsParameters: dtlsParameters as ClientPayload<'display:sign-connect'>['dtlsParameters'] }).then(() => done(), fail);
      });
      transport.on('connectionstatechange', (s) => {
        if (gen !== this.generation) return;
        if (s === 'failed') this.retry();
        if (s === 'connected') this.attempt = 0;
      });
      this.transport = transport;
      await this.watch(gen);
    } catch {
      if (gen === this.generation) this.retry();
    }
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
