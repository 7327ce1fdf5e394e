'use client';
import { Device, type types as ms } from 'mediasoup-client';
import { listen, realtime, type Listeners } from '../realtime-client';

const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

/**
 * What a hall phone listening to interpretation and a projector showing the sign-language interpreter
 * share: one receiving transport on the session's main room and one consumer, opened again by itself
 * after a socket reconnect, a failed transport or a refusal, waiting a little longer each time. A
 * generation number tells an answer to an older attempt from one to the current one.
 */
export abstract class SingleReceiver {
  protected device: Device | null = null;
  protected transport: ms.Transport | null = null;
  protected consumer: ms.Consumer | null = null;
  protected running = false;
  protected generation = 0;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unlisten: (() => void) | null = null;

  /** What restarts or changes the reception, besides a (re)connect. */
  protected abstract listeners(): Listeners;
  /** Asks the server for the transport and the consumer (attempt `gen`); throws to retry. */
  protected abstract open(gen: number): Promise<void>;
  /** After the transport and consumer are gone (stop, retry, disconnect). */
  protected abstract dropped(reason: 'stopped' | 'waiting' | 'torn-down'): void;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unlisten = listen(realtime(), { ...this.listeners(), connect: () => void this.connect() });
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.unlisten?.();
    this.unlisten = null;
    this.teardown();
    this.dropped('stopped');
  }

  protected teardown(): void {
    this.consumer?.close();
    this.transport?.close();
    this.consumer = null;
    this.transport = null;
  }

  protected retry(): void {
    if (!this.running) return;
    this.generation++;
    this.teardown();
    this.dropped('waiting');
    if (this.timer) clearTimeout(this.timer);
    const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
    this.attempt++;
    this.timer = setTimeout(() => void this.connect(), wait);
  }

  protected async connect(): Promise<void> {
    if (!this.running || !realtime().connected) return;
    if (this.timer) clearTimeout(this.timer);
    const gen = ++this.generation;
    this.teardown();
    this.dropped('torn-down');
    try {
      await this.open(gen);
    } catch (err) {
      if (gen === this.generation) this.failed(err);
    }
  }

  /** A failed attempt: tried again later unless a subclass decides otherwise. */
  protected failed(_err: unknown): void {
    this.retry();
  }

  /** The receiving transport of attempt `gen`, on a device loaded once with the room's capabilities. */
  protected async receiveTransport(
    gen: number,
    answer: { routerRtpCapabilities: unknown; transport: unknown },
    connect: (dtlsParameters: ms.DtlsParameters) => Promise<unknown>,
  ): Promise<ms.Transport> {
    if (!this.device) {
      const device = new Device();
      await device.load({ routerRtpCapabilities: answer.routerRtpCapabilities as ms.RtpCapabilities });
      this.device = device;
    }
    const transport = this.device.createRecvTransport(answer.transport as ms.TransportOptions);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      connect(dtlsParameters).then(() => done(), fail);
    });
    transport.on('connectionstatechange', (s) => {
      if (gen !== this.generation) return;
      if (s === 'failed') this.retry();
      if (s === 'connected') this.attempt = 0;
    });
    this.transport = transport;
    return transport;
  }
}
