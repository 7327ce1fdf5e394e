'use client';
import type { Device } from 'mediasoup-client';
import type { types as ms } from 'mediasoup-client';
import type { MediaGrants, MediaJoined, MediaPeer, MediaSource, RemoteProducer, RoomSettings } from '@/lib/contracts/media';
import { initialRoomState, NO_MEDIA, type RoomNotice, type RoomState } from './room-state';
import type { ClientEventName, ClientPayload, ClientResult, ServerToClientEvents } from '@/lib/contracts/realtime';
import { realtime, request } from '../realtime-client';
import { DeviceError, openCamera, openMicrophone, openScreen } from './devices';

export type { RemoteStream, RoomNotice, RoomState, RoomStatus, LocalMedia } from './room-state';

/**
 * The browser side of a live room: wraps mediasoup-client's Device, talks the
 * media contract, and exposes immutable state snapshots for React
 * (useSyncExternalStore). It never picks a room: it asks to join the session's
 * live media and the server places it (main room, breakout room…).
 */

// Three simulcast layers for the camera; viewers pick one by tile size.
const CAMERA_ENCODINGS: ms.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

class RequestFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What to tell the person about a failure: a server refusal already speaks the
 * reader's language; anything else (mediasoup-client, WebRTC, the browser) is
 * the library's English, so the UI says it in its own words (null).
 */
const refusalText = (err: unknown): string | null => (err instanceof RequestFailed ? err.message : null);

async function call<K extends ClientEventName>(name: K, payload: ClientPayload<K>): Promise<ClientResult<K>> {
  const res = await request(name, payload);
  if (!res.ok) throw new RequestFailed(res.error.code, res.error.message);
  return res.data;
}

export interface RoomClientOptions {
  sessionId: string;
  /** Join as the venue's hall device. */
  hall?: boolean;
}

export class RoomClient {
  state: RoomState = initialRoomState();

  private listeners = new Set<() => void>();
  private device: Device | null = null;
  private send: ms.Transport | null = null;
  private recv: ms.Transport | null = null;
  private producers = new Map<MediaSource, ms.Producer>();
  private consumers = new Map<string, ms.Consumer>();
  private screenAudio: MediaStreamTrack | null = null;
  private preferredLayers = new Map<string, number>();
  /** Bumped on every (re)join; async work of an older generation is dropped. */
  private generation = 0;
  /** Notices that arrive while a join is being set up (someone joined at the same moment); setUp applies them. */
  private early: { peers: MediaPeer[]; producers: RemoteProducer[] } = { peers: [], producers: [] };
  private wantJoined = false;
  private iceRestarts = 0;
  private noticeSeq = 0;
  private detach: (() => void) | null = null;

  constructor(private readonly options: RoomClientOptions) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): RoomState => this.state;

  private set(patch: Partial<RoomState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private notify(notice: RoomNotice): void {
    this.set({ notice: { ...notice, id: ++this.noticeSeq } });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  /** Joins the session's live media, publishing the given tracks where the server allows. */
  async join(tracks: { camera?: MediaStreamTrack | null; microphone?: MediaStreamTrack | null; listenOnly?: boolean } = {}): Promise<void> {
    this.wantJoined = true;
    performance.mark('balai:media:join-start');
    this.listen();
    this.set({
      camera: { ...NO_MEDIA, track: tracks.camera ?? null },
      microphone: { ...NO_MEDIA, track: tracks.microphone ?? null },
      listenOnly: tracks.listenOnly ?? false,
    });
    await this.connect();
  }

  async leave(): Promise<void> {
    if (this.state.status.kind === 'idle' || this.state.status.kind === 'left') return;
    this.wantJoined = false;
    this.generation++;
    this.teardown();
    this.stopLocal();
    this.detach?.();
    this.detach = null;
    this.set({ status: { kind: 'left' }, peers: [], streams: [], roomKey: null });
    await request('media:leave', {});
  }

  /** Back to the pre-join screen after leaving. */
  reset(): void {
    if (this.state.status.kind === 'left') this.set({ status: { kind: 'idle' }, notice: null });
  }

  private listen(): void {
    if (this.detach) return;
    const socket = realtime();
    const onConnect = () => {
      if (this.wantJoined) void this.rejoin();
    };
    const onDisconnect = () => {
      if (!this.wantJoined) return;
      this.generation++;
      this.teardown();
      this.set({ status: { kind: 'reconnecting' } });
    };
    const onPeerJoined = ({ peer }: { peer: MediaPeer }) => {
      if (!this.recv) this.early.peers.push(peer);
      this.set({ peers: [...this.state.peers.filter((p) => p.peerId !== peer.peerId), peer] });
    };
    const onPeerLeft = ({ peerId }: { peerId: string }) => {
      this.early = { peers: this.early.peers.filter((p) => p.peerId !== peerId), producers: this.early.producers.filter((p) => p.peerId !== peerId) };
      this.set({ peers: this.state.peers.filter((p) => p.peerId !== peerId), streams: this.state.streams.filter((s) => s.peerId !== peerId) });
    };
    const onPeerUpdated = ({ peer }: { peer: MediaPeer }) => {
      if (peer.peerId === this.state.peerId) this.set({ handRaised: peer.handRaised });
      else this.set({ peers: this.state.peers.map((p) => (p.peerId === peer.peerId ? peer : p)) });
    };
    const onProducerAdded = (p: RemoteProducer) => {
      if (!this.recv) this.early.producers.push(p);
      else void this.addStream(p, this.generation);
    };
    const onProducerClosed = ({ producerId }: { producerId: string }) => {
      this.early.producers = this.early.producers.filter((p) => p.producerId !== producerId);
      this.dropStream(producerId);
    };
    const onProducerPaused = ({ producerId, paused }: { producerId: string; paused: boolean }) =>
      this.set({ streams: this.state.streams.map((s) => (s.producerId === producerId ? { ...s, paused } : s)) });
    const onSpeaker = ({ peerId }: { peerId: string | null }) => this.set({ activeSpeakerPeerId: peerId });
    const onMuted = ({ producerId }: { producerId: string }) => {
      const mic = this.producers.get('microphone');
      if (mic?.id !== producerId) return;
      mic.pause();
      this.set({ microphone: { ...this.state.microphone, muted: true } });
      this.notify({ kind: 'muted-by-moderator' });
    };
    const onOwnClosed = ({ producerId, reason }: { producerId: string; reason: 'moderator' | 'permission' }) => {
      for (const [source, producer] of this.producers) {
        if (producer.id !== producerId) continue;
        this.closeLocal(source);
        this.notify(reason === 'moderator' ? { kind: 'screen-stopped-by-moderator' } : { kind: 'permission-lost' });
      }
    };
    const onSettings = (settings: RoomSettings) => this.set({ settings });
    const onGrants = (grants: MediaGrants) => {
      const gained = (grants.microphone && !this.state.grants.microphone) || (grants.camera && !this.state.grants.camera);
      this.set({ grants });
      if (gained) void this.publishWanted(this.generation);
    };
    const onRoomLeft = ({ reason, roomKey }: { reason: 'moved' | 'removed' | 'closed'; roomKey: string | null }) => {
      this.generation++;
      this.teardown();
      if (reason === 'removed') {
        this.wantJoined = false;
        this.stopLocal();
        this.set({ status: { kind: 'removed' }, peers: [], streams: [] });
        return;
      }
      if (reason === 'moved') this.notify({ kind: 'moved', roomKey });
      void this.rejoin();
    };
    // Every listener goes through bind(), which records it for removal; the contract types the pairs.
    const unbind: Array<() => void> = [];
    const bind = <K extends keyof ServerToClientEvents>(name: K, fn: ServerToClientEvents[K]) => {
      socket.on(name, fn as never);
      unbind.push(() => socket.off(name, fn as never));
    };
    const onSocket = (name: 'connect' | 'disconnect', fn: () => void) => {
      socket.on(name, fn);
      unbind.push(() => socket.off(name, fn));
    };
    onSocket('connect', onConnect);
    onSocket('disconnect', onDisconnect);
    bind('media:peer-joined', onPeerJoined);
    bind('media:peer-left', onPeerLeft);
    bind('media:peer-updated', onPeerUpdated);
    bind('media:producer-added', onProducerAdded);
    bind('media:producer-closed', onProducerClosed);
    bind('media:producer-paused', onProducerPaused);
    bind('media:active-speaker', onSpeaker);
    bind('media:muted', onMuted);
    bind('media:own-producer-closed', onOwnClosed);
    bind('media:settings-changed', onSettings);
    bind('media:grants-changed', onGrants);
    bind('media:room-left', onRoomLeft);
    this.detach = () => {
      for (const off of unbind.splice(0)) off();
    };
  }

  private async rejoin(): Promise<void> {
    this.set({ status: { kind: 'reconnecting' } });
    await this.connect();
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    this.early = { peers: [], producers: [] };
    this.teardown();
    const socket = realtime();
    if (!socket.connected) {
      // The 'connect' listener joins once the socket is (back) up.
      this.set({ status: { kind: this.state.status.kind === 'idle' ? 'joining' : 'reconnecting' } });
      return;
    }
    this.set({ status: { kind: this.state.status.kind === 'reconnecting' ? 'reconnecting' : 'joining' } });
    try {
      const joined = await call('media:join', { sessionId: this.options.sessionId, hall: this.options.hall ?? false });
      if (gen !== this.generation) return;
      performance.mark('balai:media:joined');
      await this.setUp(joined, gen);
    } catch (err) {
      if (gen !== this.generation) return;
      if (err instanceof RequestFailed && err.code === 'forbidden') this.wantJoined = false;
      if (!(err instanceof RequestFailed)) console.warn('[media] could not join', err);
      this.set({ status: { kind: 'error', message: refusalText(err) } });
    }
  }

  private async setUp(joined: MediaJoined, gen: number): Promise<void> {
    const { Device } = await import('mediasoup-client');
    const device = new Device();
    await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as ms.RtpCapabilities });
    if (gen !== this.generation) return;
    this.device = device;
    await call('media:set-capabilities', { rtpCapabilities: device.rtpCapabilities as ClientPayload<'media:set-capabilities'>['rtpCapabilities'] });
    this.recv = await this.createTransport('recv', gen);
    if (gen !== this.generation) return;
    this.set({
      status: { kind: 'joined' },
      roomKey: joined.roomKey,
      peerId: joined.peerId,
      peers: [...joined.peers, ...this.early.peers.filter((p) => !joined.peers.some((q) => q.peerId === p.peerId))],
      streams: [],
      grants: joined.grants,
      settings: joined.settings,
      activeSpeakerPeerId: joined.activeSpeakerPeerId,
      handRaised: false,
    });
    this.iceRestarts = 0;
    performance.mark('balai:media:transports');
    const producers = [...joined.producers, ...this.early.producers.filter((p) => !joined.producers.some((q) => q.producerId === p.producerId))];
    this.early = { peers: [], producers: [] };
    await Promise.all(producers.map((p) => this.addStream(p, gen)));
    await this.publishWanted(gen);
  }

  private async createTransport(direction: 'send' | 'recv', gen: number): Promise<ms.Transport> {
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
        call('media:produce', {
          transportId: transport.id,
          kind,
          source: (appData as { source: MediaSource }).source,
          rtpParameters: rtpParameters as ClientPayload<'media:produce'>['rtpParameters'],
        }).then(({ producerId }) => done({ id: producerId }), fail);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (gen !== this.generation) return;
      if (state === 'failed' || state === 'disconnected') void this.recoverTransport(transport, gen);
      if (state === 'connected') this.iceRestarts = 0;
    });
    return transport;
  }

  /** Network blip: try an ICE restart first; if that does not bring it back, join again. */
  private async recoverTransport(transport: ms.Transport, gen: number): Promise<void> {
    if (this.iceRestarts >= 2 || !realtime().connected) {
      if (transport.connectionState === 'failed' && realtime().connected) await this.rejoin();
      return;
    }
    this.iceRestarts++;
    try {
      const { iceParameters } = await call('media:restart-ice', { transportId: transport.id });
      if (gen !== this.generation || transport.closed) return;
      await transport.restartIce({ iceParameters: iceParameters as ms.IceParameters });
    } catch {
      if (gen === this.generation) await this.rejoin();
    }
  }

  private async sendTransport(gen: number): Promise<ms.Transport> {
    if (!this.send) this.send = await this.createTransport('send', gen);
    return this.send;
  }

  private async addStream(p: RemoteProducer, gen: number): Promise<void> {
    if (gen !== this.generation || !this.recv) return;
    this.set({ streams: [...this.state.streams.filter((s) => s.producerId !== p.producerId), { ...p, consumerId: null, track: null }] });
    try {
      const c = await call('media:consume', { producerId: p.producerId });
      if (gen !== this.generation || !this.recv) return;
      const consumer = await this.recv.consume({
        id: c.consumerId,
        producerId: c.producerId,
        kind: c.kind,
        rtpParameters: c.rtpParameters as ms.RtpParameters,
      });
      if (gen !== this.generation || !this.state.streams.some((s) => s.producerId === p.producerId)) {
        consumer.close();
        return;
      }
      this.consumers.set(p.producerId, consumer);
      // Listen-only viewers receive sound only; the video consumer stays paused on the server.
      if (!(this.state.listenOnly && p.kind === 'video')) await call('media:resume-consumer', { consumerId: consumer.id });
      this.set({
        streams: this.state.streams.map((s) => (s.producerId === p.producerId ? { ...s, consumerId: consumer.id, track: consumer.track } : s)),
      });
    } catch (err) {
      if (gen === this.generation) console.warn('[media] could not receive a stream', err);
    }
  }

  private dropStream(producerId: string): void {
    this.consumers.get(producerId)?.close();
    this.consumers.delete(producerId);
    this.preferredLayers.delete(producerId);
    this.set({ streams: this.state.streams.filter((s) => s.producerId !== producerId) });
  }

  /** Publishes the local camera and microphone tracks the person has on, where allowed. */
  private async publishWanted(gen: number): Promise<void> {
    const { grants, microphone, camera, listenOnly } = this.state;
    if (grants.microphone && microphone.track && !this.producers.has('microphone')) await this.produce('microphone', microphone.track, gen);
    if (grants.camera && camera.track && !listenOnly && !this.producers.has('camera')) await this.produce('camera', camera.track, gen);
  }

  private async produce(source: MediaSource, track: MediaStreamTrack, gen: number): Promise<void> {
    try {
      const transport = await this.sendTransport(gen);
      if (gen !== this.generation) return;
      const producer = await transport.produce({
        track,
        stopTracks: false,
        appData: { source },
        ...(source === 'camera' ? { encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } } : {}),
        ...(source === 'microphone' ? { codecOptions: { opusDtx: true, opusFec: true } } : {}),
      });
      if (gen !== this.generation) {
        producer.close();
        return;
      }
      this.producers.set(source, producer);
      producer.on('trackended', () => this.closeLocal(source));
      if (source === 'microphone' && this.state.microphone.muted) {
        producer.pause();
        await call('media:pause-producer', { producerId: producer.id });
      }
      if (source === 'camera' || source === 'microphone' || source === 'screen') this.set({ [source]: { ...this.state[source], track, live: true } });
    } catch (err) {
      if (gen !== this.generation) return;
      this.notify({ kind: 'refused', message: refusalText(err) });
    }
  }

  async setMicrophoneMuted(muted: boolean): Promise<void> {
    const producer = this.producers.get('microphone');
    this.set({ microphone: { ...this.state.microphone, muted } });
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
        this.set({ microphone: { ...this.state.microphone, muted: true } });
        this.notify({ kind: 'refused', message: refusalText(err) });
      }
    }
  }

  private async enableMicrophone(deviceId?: string): Promise<void> {
    try {
      const track = this.state.microphone.track ?? (await openMicrophone(deviceId));
      this.set({ microphone: { ...this.state.microphone, track, muted: false } });
      await this.produce('microphone', track, this.generation);
    } catch (err) {
      this.deviceFailed(err);
    }
  }

  async setCameraOn(on: boolean, deviceId?: string): Promise<void> {
    if (!on) {
      this.closeLocal('camera');
      return;
    }
    try {
      const track = await openCamera(deviceId);
      this.set({ camera: { ...this.state.camera, track } });
      await this.produce('camera', track, this.generation);
    } catch (err) {
      this.deviceFailed(err);
    }
  }

  async shareScreen(): Promise<void> {
    let opened: { video: MediaStreamTrack; audio: MediaStreamTrack | null };
    try {
      opened = await openScreen();
    } catch (err) {
      this.deviceFailed(err);
      return;
    }
    this.set({ screen: { ...NO_MEDIA, track: opened.video } });
    await this.produce('screen', opened.video, this.generation);
    if (!this.producers.has('screen')) {
      opened.video.stop();
      opened.audio?.stop();
      this.set({ screen: NO_MEDIA });
      return;
    }
    if (opened.audio) {
      this.screenAudio = opened.audio;
      await this.produce('screen-audio', opened.audio, this.generation);
    }
  }

  stopScreen(): void {
    this.closeLocal('screen');
  }

  async raiseHand(raised: boolean): Promise<void> {
    await call('media:raise-hand', { raised });
    this.set({ handRaised: raised });
  }

  async setListenOnly(listenOnly: boolean): Promise<void> {
    this.set({ listenOnly });
    if (listenOnly) this.closeLocal('camera');
    for (const s of this.state.streams) {
      if (s.kind !== 'video' || !s.consumerId) continue;
      await call(listenOnly ? 'media:pause-consumer' : 'media:resume-consumer', { consumerId: s.consumerId });
    }
  }

  /** Asks the SFU for the simulcast layer that suits the tile this stream is shown in. */
  async preferLayer(producerId: string, spatialLayer: number): Promise<void> {
    const stream = this.state.streams.find((s) => s.producerId === producerId);
    if (!stream?.consumerId || stream.kind !== 'video' || this.preferredLayers.get(producerId) === spatialLayer) return;
    this.preferredLayers.set(producerId, spatialLayer);
    await request('media:set-preferred-layers', { consumerId: stream.consumerId, spatialLayer });
  }

  /** The receiving RTCPeerConnection stats of one stream (tests and the connection indicator read it). */
  async inboundStats(producerId: string): Promise<RTCStatsReport | null> {
    return (await this.consumers.get(producerId)?.getStats()) ?? null;
  }

  // Moderation: the server decides; these only ask.
  mutePeer = (peerId: string) => request('media:mute-peer', { peerId });
  stopPeerScreen = (peerId: string) => request('media:stop-screen', { peerId });
  removePeer = (peerId: string) => request('media:remove-peer', { peerId });
  updateSettings = (patch: Partial<RoomSettings>) => request('media:update-settings', patch);
  setStage = (userId: string, onStage: boolean) => request('media:set-stage', { userId, onStage });

  private deviceFailed(err: unknown): void {
    if (err instanceof DeviceError) this.notify({ kind: 'device', device: err.device, problem: err.problem });
    else this.notify({ kind: 'refused', message: refusalText(err) });
  }

  private closeLocal(source: MediaSource): void {
    const producer = this.producers.get(source);
    this.producers.delete(source);
    if (producer) {
      producer.close();
      void request('media:close-producer', { producerId: producer.id });
    }
    if (source === 'screen') {
      this.state.screen.track?.stop();
      this.set({ screen: NO_MEDIA });
      this.closeLocal('screen-audio');
    } else if (source === 'screen-audio') {
      this.screenAudio?.stop();
      this.screenAudio = null;
    } else if (source === 'camera') {
      this.state.camera.track?.stop();
      this.set({ camera: NO_MEDIA });
    } else {
      this.state.microphone.track?.stop();
      this.set({ microphone: NO_MEDIA });
    }
  }

  /** Drops everything tied to the old router; local tracks stay so a re-join can publish them again. */
  private teardown(): void {
    for (const c of this.consumers.values()) c.close();
    this.consumers.clear();
    this.preferredLayers.clear();
    this.producers.clear();
    this.send?.close();
    this.recv?.close();
    this.send = null;
    this.recv = null;
    this.device = null;
    this.set({
      streams: [],
      camera: { ...this.state.camera, live: false },
      microphone: { ...this.state.microphone, live: false },
      screen: { ...this.state.screen, live: false },
    });
    // A screen share does not survive a move: the person shares again if the new room allows it.
    if (this.state.screen.track) {
      this.state.screen.track.stop();
      this.screenAudio?.stop();
      this.screenAudio = null;
      this.set({ screen: NO_MEDIA });
    }
  }

  private stopLocal(): void {
    this.state.camera.track?.stop();
    this.state.microphone.track?.stop();
    this.set({ camera: NO_MEDIA, microphone: NO_MEDIA });
  }
}
