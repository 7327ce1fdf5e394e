import { randomInt, randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { splicePacket, spliceState, type SpliceState } from './rtp-splice';

/** One interpreter's voice feeding a channel: their producer, and the server's copy of it on the channel's router. */
interface Voice {
  peerId: string;
  userId: string;
  producer: types.Producer;
  tap: types.Consumer;
}

/**
 * One interpretation language in one live room: a stable producer on the
 * room's first router that listeners consume once. Interpreters' producers
 * feed it through a DirectTransport; only the holder's packets are passed on,
 * re-stamped into one continuous stream (rtp-splice.ts), so a hand-over swaps
 * the voice without the listeners' consumers changing. Interpreters' producers
 * are never in the room's producer list, so they never reach the floor.
 */
export class InterpretationChannel {
  readonly id = randomUUID();
  private readonly voices = new Map<string, Voice>();
  private holderPeerId: string | null = null;
  private readonly splice: SpliceState;
  closed = false;

  private constructor(
    readonly room: LiveRoom,
    readonly language: string,
    private readonly transport: types.DirectTransport,
    readonly producer: types.Producer,
    payloadType: number,
    private readonly onChange: (channel: InterpretationChannel) => void,
  ) {
    this.splice = spliceState(producer.rtpParameters.encodings![0]!.ssrc!, payloadType);
    transport.observer.once('close', () => this.close());
  }

  static async create(room: LiveRoom, language: string, onChange: (channel: InterpretationChannel) => void): Promise<InterpretationChannel> {
    const router = room.router;
    const opus = router.rtpCapabilities.codecs!.find((c) => c.mimeType.toLowerCase() === 'audio/opus');
    if (!opus?.preferredPayloadType) throw new Error('the router has no Opus');
    const transport = await router.createDirectTransport();
    const producer = await transport.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: opus.preferredPayloadType, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }],
        encodings: [{ ssrc: randomInt(1, 2 ** 31) }],
      },
      appData: { interpretation: language },
    });
    return new InterpretationChannel(room, language, transport, producer, opus.preferredPayloadType, onChange);
  }

  get holderUserId(): string | null {
    return this.holderPeerId ? (this.voices.get(this.holderPeerId)?.userId ?? null) : null;
  }

  /** Someone is speaking into the channel now. */
  get live(): boolean {
    const holder = this.holderPeerId ? this.voices.get(this.holderPeerId) : undefined;
    return !!holder && !holder.producer.paused;
  }

  holds(peerId: string): boolean {
    return this.holderPeerId === peerId;
  }

  hasVoice(peerId: string): boolean {
    return this.voices.has(peerId);
  }

  /** An interpreter's producer joins the channel; the first voice takes the channel if nobody holds it. */
  async addVoice(peer: LivePeer, producer: types.Producer): Promise<boolean> {
    this.removeVoice(peer.peerId);
    await this.room.pipeTo(producer.id, peer.router, this.room.router);
    const tap = await this.transport.consume({ producerId: producer.id, rtpCapabilities: this.room.router.rtpCapabilities });
    const voice: Voice = { peerId: peer.peerId, userId: peer.userId, producer, tap };
    tap.on('rtp', (packet: Buffer) => {
      if (this.closed || this.holderPeerId !== peer.peerId) return;
      if (splicePacket(this.splice, producer.id, packet, performance.now())) this.producer.send(packet);
    });
    producer.observer.once('close', () => this.removeVoice(peer.peerId, producer));
    this.voices.set(peer.peerId, voice);
    if (!this.holderPeerId) this.holderPeerId = peer.peerId;
    this.onChange(this);
    return this.holderPeerId === peer.peerId;
  }

  /** The interpreter left or stopped: their partner (if connected) takes the channel over. */
  removeVoice(peerId: string, only?: types.Producer): void {
    const voice = this.voices.get(peerId);
    if (!voice || (only && voice.producer !== only)) return;
    this.voices.delete(peerId);
    voice.tap.close();
    if (this.holderPeerId === peerId) this.holderPeerId = [...this.voices.keys()][0] ?? null;
    this.onChange(this);
  }

  /** Passes the channel from the holder to the other voice; the listeners' consumers stay as they are. */
  handOver(fromPeerId: string): string {
    const next = [...this.voices.keys()].find((id) => id !== fromPeerId);
    if (!next) return fromPeerId;
    this.holderPeerId = next;
    this.onChange(this);
    return next;
  }

  take(peerId: string): void {
    if (!this.voices.has(peerId)) return;
    this.holderPeerId = peerId;
    this.onChange(this);
  }

  async setMuted(peerId: string, muted: boolean): Promise<void> {
    const voice = this.voices.get(peerId);
    if (!voice) return;
    if (muted) await voice.producer.pause();
    else await voice.producer.resume();
    this.onChange(this);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const v of this.voices.values()) v.tap.close();
    this.voices.clear();
    this.holderPeerId = null;
    this.transport.close();
  }
}
