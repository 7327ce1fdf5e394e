'use client';
import type { MediaGrants, MediaJoined, MediaPeer, RemoteProducer, RoomSettings } from '@/lib/contracts/media';
import type { ServerToClientEvents } from '@/lib/contracts/realtime';
import { prioritize, realtime, request } from '../realtime-client';
import type { DeviceError } from './devices';
import { LocalPublishing } from './local-publishing';
import { call, RequestFailed, refusalText } from './media-request';
import { MediaTransports } from './media-transports';
import { RemoteStreams } from './remote-streams';
import type { RoomContext } from './room-context';
import { initialRoomState, NO_MEDIA, type RoomNotice, type RoomState } from './room-state';

export type { RemoteStream, RoomNotice, RoomState, RoomStatus, LocalMedia } from './room-state';

/**
 * The browser side of a live room: wraps mediasoup-client's Device, talks the
 * media contract, and exposes immutable state snapshots for React
 * (useSyncExternalStore). It never picks a room: it asks to join the session's
 * live media and the server places it (main room, breakout room…).
 */

const RETRY_FIRST_MS = 300;
/** A first join publishes once the others' video flows, or after this long whatever happened to it. */
const RECEIVE_FIRST_MAX_MS = 1_500;
const RETRY_MAX_MS = 10_000;

/** A refusal stays a refusal (removed, locked, not a member); anything else (no answer, a restarting media server) is worth another try. */
function retryable(err: unknown): boolean {
  return !(err instanceof RequestFailed) || !['forbidden', 'not_found', 'invalid_payload'].includes(err.code);
}

export interface RoomClientOptions {
  sessionId: string;
  /** Join as the venue's hall device. */
  hall?: boolean;
}

export class RoomClient {
  state: RoomState = initialRoomState();

  private listeners = new Set<() => void>();
  /** Bumped on every (re)join; async work of an older generation is dropped. */
  private generation = 0;
  /** Notices that arrive while a join is being set up (someone joined at the same moment); setUp applies them. */
  private early: { peers: MediaPeer[]; producers: RemoteProducer[] } = { peers: [], producers: [] };
  private wantJoined = false;
  /** An early join (early-join.ts) receives at once but publishes only once the stage hands it the tracks. */
  private publishHeld = false;
  /** Failed joins in a row (the media server restarting, a node going away); the next try waits longer. */
  private failedJoins = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private noticeSeq = 0;
  /** Settles when the first join of this client has set up its streams (or given up): see `join`. */
  private firstStreams: { done: Promise<void>; settle: () => void } | null = null;
  /** The first join has received (or waited long enough): from then on publishing never waits for receiving. */
  private receivedFirst = false;
  private detach: (() => void) | null = null;
  private readonly transports: MediaTransports;
  private readonly remote: RemoteStreams;
  private readonly local: LocalPublishing;

  constructor(private readonly options: RoomClientOptions) {
    // Getters, not copies: the parts must see the latest snapshot and generation after every await.
    const client = this;
    const room: RoomContext = {
      get state() {
        return client.state;
      },
      get generation() {
        return client.generation;
      },
      set: (patch) => this.set(patch),
      notify: (notice) => this.notify(notice),
    };
    this.transports = new MediaTransports(room, () => this.rejoin());
    this.remote = new RemoteStreams(room, this.transports);
    this.local = new LocalPublishing(room, this.transports);
  }

  get sessionId(): string {
    return this.options.sessionId;
  }

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
  async join(
    tracks: { camera?: MediaStreamTrack | null; microphone?: MediaStreamTrack | null; listenOnly?: boolean } = {},
    options: { holdPublishing?: boolean } = {},
  ): Promise<void> {
    // A second join while one is under way (a double click that reached the button before it was disabled)
    // would restart it from scratch; the first one is already doing what was asked.
    const { kind } = this.state.status;
    if (kind === 'joining' || kind === 'joined' || kind === 'reconnecting') return;
    this.wantJoined = true;
    this.publishHeld = options.holdPublishing ?? false;
    performance.mark('balai:media:join-start');
    // The call goes first (issue 10.8): until this join receives, the page's other requests wait (realtime-client).
    if (!this.firstStreams) {
      let settle = () => {};
      const done = new Promise<void>((resolve) => (settle = resolve));
      this.firstStreams = { done, settle };
      prioritize(done);
    }
    this.listen();
    this.set({
      camera: { ...NO_MEDIA, track: tracks.camera ?? null },
      microphone: { ...NO_MEDIA, track: tracks.microphone ?? null },
      listenOnly: tracks.listenOnly ?? false,
    });
    await this.connect();
  }

  /** The tracks of an early join, handed over by the stage that adopted it: published where the server allows. */
  async publishTracks(tracks: { camera: MediaStreamTrack | null; microphone: MediaStreamTrack | null }, problems: DeviceError[]): Promise<void> {
    this.publishHeld = false;
    this.set({ camera: { ...NO_MEDIA, track: tracks.camera }, microphone: { ...NO_MEDIA, track: tracks.microphone } });
    const problem = problems[0];
    if (problem) this.notify({ kind: 'device', device: problem.device, problem: problem.problem });
    // Receiving first: while the first join sets up its streams, setUp publishes these when it is done.
    if (this.state.status.kind === 'joined' && this.receivedFirst) await this.local.publishWanted(this.generation);
  }

  async leave(): Promise<void> {
    if (this.state.status.kind === 'idle' || this.state.status.kind === 'left') return;
    this.wantJoined = false;
    this.firstStreams?.settle();
    this.cancelRetry();
    this.generation++;
    this.teardown();
    this.local.stopTracks();
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
      if (!this.wantJoined) return;
      // A join asked for before the first connection (an early join, started as the page loads) is still
      // "joining", not a reconnect: the stage must not say "Reconnecting…" on the way in.
      if (this.state.status.kind === 'joining') void this.connect();
      else void this.rejoin();
    };
    const onDisconnect = () => {
      if (!this.wantJoined) return;
      this.generation++;
      this.teardown();
      this.set({ status: { kind: 'reconnecting' } });
    };
    const onPeerJoined = ({ peer }: { peer: MediaPeer }) => {
      if (!this.transports.recv) this.early.peers.push(peer);
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
      if (!this.transports.recv) this.early.producers.push(p);
      else void this.remote.add(p, this.generation);
    };
    const onProducerClosed = ({ producerId }: { producerId: string }) => {
      this.early.producers = this.early.producers.filter((p) => p.producerId !== producerId);
      this.remote.drop(producerId);
    };
    const onProducerPaused = ({ producerId, paused }: { producerId: string; paused: boolean }) =>
      this.set({ streams: this.state.streams.map((s) => (s.producerId === producerId ? { ...s, paused } : s)) });
    const onSpeaker = ({ peerId }: { peerId: string | null }) => this.set({ activeSpeakerPeerId: peerId });
    const onSpotlight = ({ peerId }: { peerId: string | null }) => this.set({ spotlightPeerId: peerId });
    const onMuted = ({ producerId }: { producerId: string }) => this.local.mutedByModerator(producerId);
    const onOwnClosed = ({ producerId, reason }: { producerId: string; reason: 'moderator' | 'permission' }) =>
      this.local.closedByServer(producerId, reason);
    const onSettings = (settings: RoomSettings) => this.set({ settings });
    const onGrants = (grants: MediaGrants) => {
      const gained = (grants.microphone && !this.state.grants.microphone) || (grants.camera && !this.state.grants.camera);
      this.set({ grants });
      if (gained && !this.publishHeld) void this.local.publishWanted(this.generation);
    };
    const onRoomLeft = ({ reason, roomKey }: { reason: 'moved' | 'removed' | 'closed'; roomKey: string | null }) => {
      this.generation++;
      this.teardown();
      if (reason === 'removed') {
        this.wantJoined = false;
        this.local.stopTracks();
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
    bind('media:spotlight-changed', onSpotlight);
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
    this.cancelRetry();
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
      if (gen === this.generation) this.failedJoins = 0;
    } catch (err) {
      if (gen !== this.generation) return;
      if (!(err instanceof RequestFailed)) console.warn('[media] could not join', err);
      if (this.wantJoined && retryable(err)) {
        // The media server is coming back (a worker or a node restarting): keep the call and try again.
        this.teardown();
        this.set({ status: { kind: 'reconnecting' } });
        this.scheduleRetry();
        return;
      }
      if (err instanceof RequestFailed && err.code === 'forbidden') this.wantJoined = false;
      this.firstStreams?.settle();
      this.set({ status: { kind: 'error', message: refusalText(err) } });
    }
  }

  private scheduleRetry(): void {
    const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.failedJoins) * (0.75 + Math.random() * 0.5);
    this.failedJoins++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.wantJoined) void this.connect();
    }, wait);
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async setUp(joined: MediaJoined, gen: number): Promise<void> {
    const firstJoin = !this.receivedFirst;
    if (!(await this.transports.open(joined.routerRtpCapabilities, gen))) return;
    this.set({
      status: { kind: 'joined' },
      roomKey: joined.roomKey,
      peerId: joined.peerId,
      peers: [...joined.peers, ...this.early.peers.filter((p) => !joined.peers.some((q) => q.peerId === p.peerId))],
      streams: [],
      grants: joined.grants,
      settings: joined.settings,
      activeSpeakerPeerId: joined.activeSpeakerPeerId,
      spotlightPeerId: joined.spotlightPeerId,
      handRaised: false,
    });
    performance.mark('balai:media:transports');
    const producers = [...joined.producers, ...this.early.producers.filter((p) => !joined.producers.some((q) => q.producerId === p.producerId))];
    this.early = { peers: [], producers: [] };
    // Video first: the browser sets up one consumer at a time, and the first picture is what a joiner waits for.
    producers.sort((a, b) => Number(a.kind === 'audio') - Number(b.kind === 'audio'));
    const receiving = Promise.all(producers.map((p) => this.remote.add(p, gen)));
    if (!firstJoin) {
      // A re-join (a move, a reconnect) publishes while it receives: after a node died, the snapshot may still list
      // streams of the dead node (until the others notice), and asking for those must not hold up this person's own
      // camera and microphone.
      await Promise.all([receiving, this.publishHeld ? undefined : this.local.publishWanted(gen)]);
      return;
    }
    // A first join receives before it publishes (issue 10.8): the others' video is what the person waits for, and
    // one's own camera (encoding three simulcast layers) would compete with it for the machine and the network.
    // Bounded, so a stream that never comes (a dead node's) does not keep the person's own media off for long.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      receiving.then(() => this.remote.videoFlowing()),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, RECEIVE_FIRST_MAX_MS))),
    ]);
    clearTimeout(timer);
    if (gen !== this.generation) return;
    performance.mark('balai:media:receiving');
    this.receivedFirst = true;
    this.firstStreams?.settle();
    if (!this.publishHeld) await this.local.publishWanted(gen);
  }

  async setMicrophoneMuted(muted: boolean): Promise<void> {
    await this.local.setMicrophoneMuted(muted);
  }

  async setCameraOn(on: boolean, deviceId?: string): Promise<void> {
    await this.local.setCameraOn(on, deviceId);
  }

  /** Another camera or microphone mid-call: the producer keeps its id, only its track is replaced. */
  async switchDevice(kind: 'camera' | 'microphone', deviceId: string): Promise<void> {
    await this.local.switchDevice(kind, deviceId);
  }

  async shareScreen(): Promise<void> {
    await this.local.shareScreen();
  }

  stopScreen(): void {
    this.local.close('screen');
  }

  /** Asks the SFU for the simulcast layer that suits the tile this stream is shown in. */
  async preferLayer(producerId: string, spatialLayer: number): Promise<void> {
    await this.remote.preferLayer(producerId, spatialLayer);
  }

  /** Caps the layer received for a stream while the connection to it is poor (`null` lifts the cap). */
  async capLayer(producerId: string, cap: number | null): Promise<void> {
    await this.remote.capLayer(producerId, cap);
  }

  /** Off-page gallery tiles: the server stops forwarding their video, so they cost no bandwidth or decoding. */
  async setVideoPaused(producerId: string, paused: boolean): Promise<void> {
    await this.remote.setVideoPaused(producerId, paused);
  }

  /** The sending side's stats (round trip, loss, available bandwidth) for one's own network indicator. */
  async outboundStats(): Promise<RTCStatsReport | null> {
    return this.local.stats();
  }

  /** The receiving RTCPeerConnection stats of one stream (tests and the connection indicator read it). */
  async inboundStats(producerId: string): Promise<RTCStatsReport | null> {
    return this.remote.inboundStats(producerId);
  }

  async raiseHand(raised: boolean): Promise<void> {
    await call('media:raise-hand', { raised });
    this.set({ handRaised: raised });
  }

  async setListenOnly(listenOnly: boolean): Promise<void> {
    this.set({ listenOnly });
    if (listenOnly) this.local.close('camera');
    await this.remote.pauseVideo(listenOnly);
  }

  /**
   * This join's transports, for add-ons that receive or send beside the room's
   * own streams (interpretation channels). A re-join replaces them: add-ons watch
   * `state.peerId` and set up again.
   */
  addOnMedia(): { recv: import('mediasoup-client').types.Transport | null; send(): Promise<import('mediasoup-client').types.Transport> } {
    const gen = this.generation;
    return { recv: this.transports.recv, send: () => this.transports.sendTransport(gen) };
  }

  // Moderation: the server decides; these only ask.
  mutePeer = (peerId: string) => request('media:mute-peer', { peerId });
  stopPeerScreen = (peerId: string) => request('media:stop-screen', { peerId });
  removePeer = (peerId: string) => request('media:remove-peer', { peerId });
  updateSettings = (patch: Partial<RoomSettings>) => request('media:update-settings', patch);
  setStage = (userId: string, onStage: boolean) => request('media:set-stage', { userId, onStage });
  setSpotlight = (peerId: string | null) => request('media:set-spotlight', { peerId });

  /**
   * Drops everything tied to the old router. Local tracks stay (camera, microphone with its mute, and a screen
   * share), so a re-join after a breakout move, the return, or a reconnect publishes the same things again.
   */
  private teardown(): void {
    this.remote.closeAll();
    this.local.forgetProducers();
    this.transports.close();
    this.set({
      streams: [],
      camera: { ...this.state.camera, live: false },
      microphone: { ...this.state.microphone, live: false },
      screen: { ...this.state.screen, live: false },
    });
  }
}
