'use client';
import type { types as ms } from 'mediasoup-client';
import type { MediaSource } from '@/lib/contracts/media';
import { request } from '../realtime-client';
import { DeviceError, openCamera, openMicrophone, openScreen } from './devices';
import { call, refusalText } from './media-request';
import type { MediaTransports } from './media-transports';
import type { RoomContext } from './room-context';
import { NO_MEDIA } from './room-state';

// Three simulcast layers for the camera; viewers pick one by tile size.
const CAMERA_ENCODINGS: ms.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/** What this browser sends: the person's camera, microphone and screen, one producer each. */
export class LocalPublishing {
  private producers = new Map<MediaSource, ms.Producer>();
  private screenAudio: MediaStreamTrack | null = null;

  constructor(
    private readonly room: RoomContext,
    private readonly transports: MediaTransports,
  ) {}

  /** Calls of publishWanted run one after another: two at once would both see "not produced yet". */
  private publishing: Promise<void> = Promise.resolve();

  /** Publishes the local camera and microphone tracks the person has on, where allowed. */
  publishWanted(gen: number): Promise<void> {
    const run = this.publishing.then(() => this.publishWantedNow(gen));
    this.publishing = run.catch(() => undefined);
    return run;
  }

  private async publishWantedNow(gen: number): Promise<void> {
    const { grants, microphone, camera, screen, listenOnly } = this.room.state;
    if (grants.microphone && microphone.track && !this.producers.has('microphone')) await this.produce('microphone', microphone.track, gen);
    if (grants.camera && camera.track && !listenOnly && !this.producers.has('camera')) await this.produce('camera', camera.track, gen);
    // A screen share kept through a move or a reconnect goes on in the new room where sharing is allowed.
    if (screen.track && !this.producers.has('screen')) {
      if (!grants.screen || screen.track.readyState !== 'live') return this.dropScreenShare();
      await this.produce('screen', screen.track, gen);
      if (this.screenAudio?.readyState === 'live' && this.producers.has('screen')) await this.produce('screen-audio', this.screenAudio, gen);
    }
  }

  private async produce(source: MediaSource, track: MediaStreamTrack, gen: number): Promise<void> {
    try {
      const transport = await this.transports.sendTransport(gen);
      if (gen !== this.room.generation) return;
      const producer = await transport.produce({
        track,
        stopTracks: false,
        appData: { source },
        ...(source === 'camera' ? { encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } } : {}),
        ...(source === 'microphone' ? { codecOptions: { opusDtx: true, opusFec: true } } : {}),
      });
      if (gen !== this.room.generation) {
        producer.close();
        return;
      }
      this.producers.set(source, producer);
      producer.on('trackended', () => this.close(source));
      if (source === 'microphone' && this.room.state.microphone.muted) {
        producer.pause();
        await call('media:pause-producer', { producerId: producer.id });
      }
      if (source === 'camera' || source === 'microphone' || source === 'screen') this.room.set({ [source]: { ...this.room.state[source], track, live: true } });
    } catch (err) {
      if (gen !== this.room.generation) return;
      this.room.notify({ kind: 'refused', message: refusalText(err) });
    }
  }

  async setMicrophoneMuted(muted: boolean): Promise<void> {
    const producer = this.producers.get('microphone');
    this.room.set({ microphone: { ...this.room.state.microphone, muted } });
    if (!producer) {
      if (!muted) await this.enableMicrophone();
      return;
    }
    if (muted) {
      producer.pause();
      await call('media:pause-producer', { producerId: producer.id });
    } else {
      try {
        await call('media:resume-producer', { producerId: producer.id });
        producer.resume();
      } catch (err) {
        this.room.set({ microphone: { ...this.room.state.microphone, muted: true } });
        this.room.notify({ kind: 'refused', message: refusalText(err) });
      }
    }
  }

  private async enableMicrophone(deviceId?: string): Promise<void> {
    try {
      const track = this.room.state.microphone.track ?? (await openMicrophone(deviceId));
      this.room.set({ microphone: { ...this.room.state.microphone, track, muted: false } });
      await this.produce('microphone', track, this.room.generation);
    } catch (err) {
      this.deviceFailed(err);
    }
  }

  async setCameraOn(on: boolean, deviceId?: string): Promise<void> {
    if (!on) {
      this.close('camera');
      return;
    }
    try {
      const track = await openCamera(deviceId);
      this.room.set({ camera: { ...this.room.state.camera, track } });
      await this.produce('camera', track, this.room.generation);
    } catch (err) {
      this.deviceFailed(err);
    }
  }

  /**
   * Opens the chosen device and swaps it into the running producer (replaceTrack), so the others
   * keep the same stream. Choosing the device already in use re-opens it all the same.
   */
  async switchDevice(kind: 'camera' | 'microphone', deviceId: string): Promise<void> {
    let track: MediaStreamTrack;
    try {
      track = kind === 'camera' ? await openCamera(deviceId) : await openMicrophone(deviceId);
    } catch (err) {
      this.deviceFailed(err);
      return;
    }
    const old = this.room.state[kind].track;
    const producer = this.producers.get(kind);
    if (producer) await producer.replaceTrack({ track });
    this.room.set({ [kind]: { ...this.room.state[kind], track } });
    old?.stop();
  }

  async stats(): Promise<RTCStatsReport | null> {
    const producer = this.producers.get('camera') ?? this.producers.get('microphone');
    return producer ? producer.getStats() : null;
  }

  async shareScreen(): Promise<void> {
    let opened: { video: MediaStreamTrack; audio: MediaStreamTrack | null };
    try {
      opened = await openScreen();
    } catch (err) {
      this.deviceFailed(err);
      return;
    }
    this.room.set({ screen: { ...NO_MEDIA, track: opened.video } });
    await this.produce('screen', opened.video, this.room.generation);
    if (!this.producers.has('screen')) {
      opened.video.stop();
      opened.audio?.stop();
      this.room.set({ screen: NO_MEDIA });
      return;
    }
    if (opened.audio) {
      this.screenAudio = opened.audio;
      await this.produce('screen-audio', opened.audio, this.room.generation);
    }
  }

  /** A moderator muted this person: the server already paused the producer. */
  mutedByModerator(producerId: string): void {
    const mic = this.producers.get('microphone');
    if (mic?.id !== producerId) return;
    mic.pause();
    this.room.set({ microphone: { ...this.room.state.microphone, muted: true } });
    this.room.notify({ kind: 'muted-by-moderator' });
  }

  closedByServer(producerId: string, reason: 'moderator' | 'permission'): void {
    for (const [source, producer] of this.producers) {
      if (producer.id !== producerId) continue;
      this.close(source);
      this.room.notify(reason === 'moderator' ? { kind: 'screen-stopped-by-moderator' } : { kind: 'permission-lost' });
    }
  }

  private deviceFailed(err: unknown): void {
    if (err instanceof DeviceError) this.room.notify({ kind: 'device', device: err.device, problem: err.problem });
    else this.room.notify({ kind: 'refused', message: refusalText(err) });
  }

  close(source: MediaSource): void {
    const producer = this.producers.get(source);
    this.producers.delete(source);
    if (producer) {
      producer.close();
      void request('media:close-producer', { producerId: producer.id });
    }
    if (source === 'screen') {
      this.room.state.screen.track?.stop();
      this.room.set({ screen: NO_MEDIA });
      this.close('screen-audio');
    } else if (source === 'screen-audio') {
      this.screenAudio?.stop();
      this.screenAudio = null;
    } else if (source === 'camera') {
      this.room.state.camera.track?.stop();
      this.room.set({ camera: NO_MEDIA });
    } else {
      this.room.state.microphone.track?.stop();
      this.room.set({ microphone: NO_MEDIA });
    }
  }

  /** Closing the old send transport closes these producers; only the map is left to clear. */
  forgetProducers(): void {
    this.producers.clear();
  }

  /** Ends a kept screen share: leaving, removed, or the new room does not allow sharing. */
  dropScreenShare(): void {
    if (!this.room.state.screen.track) return;
    this.room.state.screen.track.stop();
    this.screenAudio?.stop();
    this.screenAudio = null;
    this.room.set({ screen: NO_MEDIA });
  }

  /** Leaving for good: the camera and microphone go off too. */
  stopTracks(): void {
    this.dropScreenShare();
    this.room.state.camera.track?.stop();
    this.room.state.microphone.track?.stop();
    this.room.set({ camera: NO_MEDIA, microphone: NO_MEDIA });
  }
}
