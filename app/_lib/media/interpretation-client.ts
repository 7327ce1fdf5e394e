'use client';
import type { types as ms } from 'mediasoup-client';
import type { Channel } from '@/lib/contracts/interpretation';
import { realtime } from '../realtime-client';
import { setFloorVolume } from './floor-volume';
import { call, refusalText } from './media-request';
import type { RoomClient } from './room-client';

export interface InterpretationState {
  floorLanguage: string | null;
  channels: Channel[];
  /** Languages this person interprets into in this room. */
  interpreting: string[];
  userId: string | null;
  /** The channel language listened to (null: the floor only). */
  listening: string | null;
  /** The floor's level under a channel, 0–1. */
  floorLevel: number;
  /** The chosen channel's audio, once received. */
  track: MediaStreamTrack | null;
  /** The interpreter's own voice into a channel. */
  voice: { language: string; producerId: string; muted: boolean } | null;
  error: string | null;
}

const INITIAL: InterpretationState = { floorLanguage: null, channels: [], interpreting: [], userId: null, listening: null, floorLevel: 0.2, track: null, voice: null, error: null };

/**
 * Interpretation beside a RoomClient: which channels the room has, the one this
 * tab listens to (the server sends only that one), the floor turned down under
 * it, and for interpreters their voice into their channel. Follows the room's
 * re-joins (a breakout move, a reconnect): it asks again and re-subscribes.
 */
export class InterpretationClient {
  state: InterpretationState = INITIAL;
  private listeners = new Set<() => void>();
  private consumer: ms.Consumer | null = null;
  private producer: ms.Producer | null = null;
  private voiceTrack: MediaStreamTrack | null = null;
  private peerId: string | null = null;
  private readonly off: Array<() => void> = [];
  /** Interpreters relay: the floor is silent while they listen to another channel. */
  private floorOffWhenListening = false;

  constructor(private readonly room: RoomClient) {
    const socket = realtime();
    const onChanged = (n: { floorLanguage: string | null; channels: Channel[] }) => {
      this.set({ floorLanguage: n.floorLanguage, channels: n.channels });
      // The chosen channel went away (the organizer removed the language).
      if (this.state.listening && !n.channels.some((c) => c.language === this.state.listening)) void this.listen(null);
    };
    const onSetup = () => void this.refresh();
    socket.on('interpretation:channels-changed', onChanged);
    socket.on('interpretation:setup-changed', onSetup);
    this.off.push(() => socket.off('interpretation:channels-changed', onChanged), () => socket.off('interpretation:setup-changed', onSetup));
    this.off.push(room.subscribe(() => this.followRoom()));
    this.followRoom();
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getState = () => this.state;

  private set(patch: Partial<InterpretationState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** A new join (peer id) means new transports: ask for the channels again and restore what was chosen. */
  private followRoom(): void {
    const { status, peerId } = this.room.state;
    if (status.kind !== 'joined' || peerId === this.peerId) {
      if (status.kind !== 'joined') this.peerId = null;
      return;
    }
    this.peerId = peerId;
    this.consumer = null;
    this.producer = null;
    void this.restore();
  }

  private async restore(): Promise<void> {
    await this.refresh();
    if (this.state.listening) await this.listen(this.state.listening);
    if (this.voiceTrack && this.state.voice) await this.startInterpreting(this.state.voice.language, this.voiceTrack);
  }

  async refresh(): Promise<void> {
    try {
      const r = await call('interpretation:channels', {});
      this.set({ floorLanguage: r.floorLanguage, channels: r.channels, interpreting: r.interpreting, userId: r.userId });
    } catch (err) {
      this.set({ error: refusalText(err) });
    }
  }

  setFloorLevel(level: number): void {
    this.set({ floorLevel: level });
    this.applyFloor();
  }

  private applyFloor(): void {
    if (!this.state.listening) setFloorVolume(1);
    else setFloorVolume(this.floorOffWhenListening ? 0 : this.state.floorLevel);
  }

  /** Chooses a channel by language (null: the floor only). */
  async listen(language: string | null, opts: { floorOff?: boolean } = {}): Promise<void> {
    this.floorOffWhenListening = opts.floorOff ?? this.floorOffWhenListening;
    const channel = language ? this.state.channels.find((c) => c.language === language) : null;
    this.consumer?.close();
    this.consumer = null;
    this.set({ listening: channel ? channel.language : null, track: null, error: null });
    this.applyFloor();
    try {
      const { consumer: options } = await call('interpretation:listen', { channelId: channel?.channelId ?? null });
      const recv = this.room.addOnMedia().recv;
      if (!options || !recv || this.state.listening !== channel?.language) return;
      const consumer = await recv.consume({ id: options.consumerId, producerId: options.producerId, kind: 'audio', rtpParameters: options.rtpParameters as ms.RtpParameters });
      this.consumer = consumer;
      await call('media:resume-consumer', { consumerId: consumer.id });
      this.set({ track: consumer.track });
    } catch (err) {
      this.set({ error: refusalText(err) ?? 'failed' });
    }
  }

  consumerId(): string | null {
    return this.consumer?.id ?? null;
  }

  /** Receiving stats of the channel consumer (tests read bytes from it). */
  async stats(): Promise<RTCStatsReport | null> {
    return (await this.consumer?.getStats()) ?? null;
  }

  /** An interpreter starts speaking into their language's channel with this microphone track. */
  async startInterpreting(language: string, track: MediaStreamTrack): Promise<void> {
    const channel = this.state.channels.find((c) => c.language === language);
    if (!channel) return;
    this.voiceTrack = track;
    try {
      const send = await this.room.addOnMedia().send();
      this.producer?.close();
      const producer = await send.produce({ track, appData: { channelId: channel.channelId }, stopTracks: false });
      this.producer = producer;
      this.set({ voice: { language, producerId: producer.id, muted: false }, error: null });
    } catch (err) {
      this.set({ error: refusalText(err) ?? 'failed' });
    }
  }

  private channelOfVoice(): Channel | undefined {
    return this.state.channels.find((c) => c.language === this.state.voice?.language);
  }

  async setMuted(muted: boolean): Promise<void> {
    const channel = this.channelOfVoice();
    if (!channel || !this.state.voice) return;
    await call('interpretation:mute', { channelId: channel.channelId, muted });
    this.set({ voice: { ...this.state.voice, muted } });
  }

  async handOver(): Promise<void> {
    const channel = this.channelOfVoice();
    if (!channel) return;
    try {
      await call('interpretation:hand-over', { channelId: channel.channelId });
    } catch (err) {
      this.set({ error: refusalText(err) });
    }
  }

  async take(): Promise<void> {
    const channel = this.channelOfVoice();
    if (!channel) return;
    try {
      await call('interpretation:take', { channelId: channel.channelId });
    } catch (err) {
      this.set({ error: refusalText(err) });
    }
  }

  dispose(): void {
    for (const f of this.off.splice(0)) f();
    this.consumer?.close();
    this.producer?.close();
    this.voiceTrack?.stop();
    setFloorVolume(1);
  }
}
