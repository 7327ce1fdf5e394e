'use client';
import type { types as ms } from 'mediasoup-client';
import type { RemoteProducer } from '@/lib/contracts/media';
import { request } from '../realtime-client';
import { call } from './media-request';
import type { MediaTransports } from './media-transports';
import type { RoomContext } from './room-context';

/** What this browser receives: one consumer per remote producer, on the receiving transport. */
export class RemoteStreams {
  private consumers = new Map<string, ms.Consumer>();
  private preferredLayers = new Map<string, number>();

  constructor(
    private readonly room: RoomContext,
    private readonly transports: MediaTransports,
  ) {}

  async add(p: RemoteProducer, gen: number): Promise<void> {
    if (gen !== this.room.generation || !this.transports.recv) return;
    this.room.set({ streams: [...this.room.state.streams.filter((s) => s.producerId !== p.producerId), { ...p, consumerId: null, track: null }] });
    try {
      const c = await call('media:consume', { producerId: p.producerId });
      const recv = this.transports.recv;
      if (gen !== this.room.generation || !recv) return;
      const consumer = await recv.consume({
        id: c.consumerId,
        producerId: c.producerId,
        kind: c.kind,
        rtpParameters: c.rtpParameters as ms.RtpParameters,
      });
      if (gen !== this.room.generation || !this.room.state.streams.some((s) => s.producerId === p.producerId)) {
        consumer.close();
        return;
      }
      this.consumers.set(p.producerId, consumer);
      // Listen-only viewers receive sound only; the video consumer stays paused on the server.
      if (!((this.room.state.listenOnly || this.offPage.has(p.producerId)) && p.kind === 'video')) await call('media:resume-consumer', { consumerId: consumer.id });
      this.room.set({
        streams: this.room.state.streams.map((s) => (s.producerId === p.producerId ? { ...s, consumerId: consumer.id, track: consumer.track } : s)),
      });
    } catch (err) {
      if (gen === this.room.generation) console.warn('[media] could not receive a stream', err);
    }
  }

  /**
   * Settles when the first received camera or screen delivers media (its track unmutes on the first
   * packets), or at once when nothing is being received in video; a join publishes only after it.
   */
  videoFlowing(): Promise<void> {
    if (this.room.state.listenOnly) return Promise.resolve();
    const tracks = [...this.consumers.values()].filter((c) => c.kind === 'video' && !this.offPage.has(c.producerId)).map((c) => c.track);
    if (tracks.length === 0 || tracks.some((t) => !t.muted)) return Promise.resolve();
    return new Promise((resolve) => {
      for (const t of tracks) t.addEventListener('unmute', () => resolve(), { once: true });
    });
  }

  drop(producerId: string): void {
    this.consumers.get(producerId)?.close();
    this.consumers.delete(producerId);
    this.preferredLayers.delete(producerId);
    this.requestedLayers.delete(producerId);
    this.layerCaps.delete(producerId);
    this.room.set({ streams: this.room.state.streams.filter((s) => s.producerId !== producerId) });
  }

  /** Closes every consumer without touching the published state; the caller clears the streams. */
  closeAll(): void {
    for (const c of this.consumers.values()) c.close();
    this.consumers.clear();
    this.preferredLayers.clear();
    this.requestedLayers.clear();
    this.layerCaps.clear();
  }

  async pauseVideo(paused: boolean): Promise<void> {
    for (const s of this.room.state.streams) {
      if (s.kind !== 'video' || !s.consumerId || (!paused && this.offPage.has(s.producerId))) continue;
      await call(paused ? 'media:pause-consumer' : 'media:resume-consumer', { consumerId: s.consumerId });
    }
  }

  private offPage = new Set<string>();

  async setVideoPaused(producerId: string, paused: boolean): Promise<void> {
    if (paused) this.offPage.add(producerId);
    else this.offPage.delete(producerId);
    const stream = this.room.state.streams.find((s) => s.producerId === producerId);
    if (!stream?.consumerId || stream.kind !== 'video' || (!paused && this.room.state.listenOnly)) return;
    await call(paused ? 'media:pause-consumer' : 'media:resume-consumer', { consumerId: stream.consumerId });
  }

  /** What each tile asked for by its size, and the ceiling a poor connection imposes. */
  private requestedLayers = new Map<string, number>();
  private layerCaps = new Map<string, number>();

  async preferLayer(producerId: string, spatialLayer: number): Promise<void> {
    this.requestedLayers.set(producerId, spatialLayer);
    await this.applyLayer(producerId);
  }

  /** A poor connection to this stream: receive its lowest simulcast layer until it recovers (`null`). */
  async capLayer(producerId: string, cap: number | null): Promise<void> {
    if (cap === null) this.layerCaps.delete(producerId);
    else this.layerCaps.set(producerId, cap);
    await this.applyLayer(producerId);
  }

  private async applyLayer(producerId: string): Promise<void> {
    const stream = this.room.state.streams.find((s) => s.producerId === producerId);
    const spatialLayer = Math.min(this.requestedLayers.get(producerId) ?? 2, this.layerCaps.get(producerId) ?? 2);
    if (!stream?.consumerId || stream.kind !== 'video' || this.preferredLayers.get(producerId) === spatialLayer) return;
    this.preferredLayers.set(producerId, spatialLayer);
    await request('media:set-preferred-layers', { consumerId: stream.consumerId, spatialLayer });
  }

  async inboundStats(producerId: string): Promise<RTCStatsReport | null> {
    return (await this.consumers.get(producerId)?.getStats()) ?? null;
  }
}
