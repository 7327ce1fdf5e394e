import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chooseStageLayout, sameLayout, type StageLayout, type StageStream } from '../../lib/domain/stage-layout';
import { iso639_2 } from '../../lib/domain/language-tags';
import { normaliseLanguages } from '../../lib/domain/languages';
import { sessionLanguagesOf } from '../../lib/db/queries/interpretation';
import type { InterpretationChannel } from '../interpretation/channel';
import { syncChannels } from '../interpretation/channels';
import type { LiveRoom } from '../sfu/live-room';
import { liveRoomsOfSession, mainRoomKey } from '../sfu/rooms';
import { startFfmpeg, type FfmpegProcess } from '../ffmpeg/ffmpeg';
import { composeArgs, floorOnly, type ComposeShape } from './compose-args';
import { CaptionBurner, captionFont } from './caption-burner';
import { openStageFeed, type StageFeed } from './stage-feed';

/**
 * One composition of a session's stage, shared by everything that needs it (the recording, RTMP
 * destinations, HLS): FFmpeg encodes once and the tee muxer writes each sink's output.
 *
 * FFmpeg cannot add or drop inputs while it runs, so the composition runs in segments: when the
 * stage changes (someone else speaks, a share starts, a sink comes or goes) the running FFmpeg
 * finishes its outputs and a new one starts with the new layout. The recording concatenates its
 * segments; a pause is simply no recording segment, so resuming leaves no frozen gap. An FFmpeg
 * that dies (killed, out of disk) ends its segment there and the next tick starts another.
 */

export interface CompositionSink {
  readonly id: string;
  /** The tee output for the next segment, or null to sit this one out (e.g. not ready). */
  output(): Promise<string | null> | string | null;
  /** The segment this sink was part of has ended; `clean` is false when FFmpeg died. */
  segmentEnded?(info: { clean: boolean; tail: string }): Promise<void> | void;
  /**
   * What this sink asks of the picture and sound: one audio track per interpretation language (a
   * sink without it gets the picture and the floor only), captions burned in (for every sink: the
   * picture is encoded once).
   */
  readonly wants?: { languageTracks?: boolean; captions?: boolean };
}

/** One interpretation track of a segment: its channel's producer while someone interprets, else silence. */
interface PlannedLanguage {
  code: string;
  producerId: string | null;
}

/** Everything that decides a segment's FFmpeg command; a change starts a new segment. */
interface Plan {
  layout: StageLayout;
  floorLanguage: string | null;
  languages: PlannedLanguage[];
  captions: boolean;
}

const samePlan = (a: Plan, b: Plan) =>
  sameLayout(a.layout, b.layout) &&
  a.captions === b.captions &&
  a.floorLanguage === b.floorLanguage &&
  a.languages.length === b.languages.length &&
  a.languages.every((l, i) => l.code === b.languages[i]!.code && l.producerId === b.languages[i]!.producerId);

/** The session's language setup, read from the database now and then (not on every tick). */
interface SessionExtras {
  signUserId: string | null;
  floorLanguage: string | null;
  languages: string[];
  channels: Map<string, InterpretationChannel> | undefined;
  /** What the read was for: another room (after a worker restart) or another need reads again. */
  room: LiveRoom | undefined;
  wantLanguages: boolean;
  readAt: number;
}
const EXTRAS_TTL_MS = 2000;

interface Segment {
  plan: Plan;
  room: LiveRoom | undefined;
  sinkIds: string;
  feed: StageFeed | undefined;
  ffmpeg: FfmpegProcess;
  sinks: CompositionSink[];
  sdpPath: string;
  exited: boolean;
  keyframeTimers: NodeJS.Timeout[];
}

const TICK_MS = 400;
/** A new layout must hold this long before the composition switches (a cough is not a new speaker). */
const SETTLE_MS = 1500;

function stageStreams(room: LiveRoom): StageStream[] {
  const out: StageStream[] = [];
  for (const peer of room.peers.values()) {
    for (const { producer, source } of peer.producers.values()) {
      if (producer.closed) continue;
      out.push({ producerId: producer.id, peerId: peer.peerId, userId: peer.userId, kind: producer.kind, source, paused: producer.paused });
    }
  }
  return out;
}

const EMPTY: StageLayout = { main: null, side: null, audio: [], sign: null };

export class StageComposer {
  private readonly sinks = new Map<string, CompositionSink>();
  private segment: Segment | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private pendingSince: number | null = null;
  private failures = 0;
  private retryAt = 0;
  private readonly workDir: string;
  private extras: SessionExtras | undefined;
  private captions: CaptionBurner | undefined;

  constructor(readonly sessionId: string) {
    this.workDir = path.join(tmpdir(), `balai-compose-${randomUUID()}`);
  }

  addSink(sink: CompositionSink): void {
    this.sinks.set(sink.id, sink);
    this.retryAt = 0;
    this.failures = 0;
    this.ensureTimer();
    void this.tick(true);
  }

  removeSink(id: string): Promise<void> {
    this.sinks.delete(id);
    return this.tick(true);
  }

  /** The running FFmpeg's process id (the tests kill it to prove a crash leaves a playable file). */
  get ffmpegPid(): number | undefined {
    return this.segment && !this.segment.exited ? this.segment.ffmpeg.child.pid : undefined;
  }

  get sinkCount(): number {
    return this.sinks.size;
  }

  /** Waits for any switch in progress, then stops FFmpeg and releases the consumers. */
  async close(): Promise<void> {
    this.sinks.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    while (this.busy) await new Promise((r) => setTimeout(r, 50));
    this.busy = true;
    try {
      await this.endSegment();
    } finally {
      this.busy = false;
    }
    this.captions?.stop();
    this.captions = undefined;
    await rm(this.workDir, { recursive: true, force: true });
  }

  private ensureTimer(): void {
    this.timer ??= setInterval(() => void this.tick(false), TICK_MS);
  }

  private room(): LiveRoom | undefined {
    return liveRoomsOfSession(this.sessionId).find((r) => r.key === mainRoomKey(this.sessionId) && !r.closed);
  }

  /** The language setup and sign interpreter, refreshed every couple of seconds while composing. */
  private async sessionExtras(room: LiveRoom | undefined, wantLanguages: boolean): Promise<SessionExtras> {
    const cached = this.extras;
    if (cached && Date.now() - cached.readAt < EXTRAS_TTL_MS && cached.room === room && cached.wantLanguages === wantLanguages) return cached;
    const setup = await sessionLanguagesOf(this.sessionId);
    const floorLanguage = setup?.floorLanguage ?? null;
    const languages = floorLanguage ? normaliseLanguages(floorLanguage, setup?.languages ?? []) : [];
    // The room's channels are made here if no listener asked yet: an interpreter may speak before anyone listens.
    const channels = wantLanguages && room && !room.closed && languages.length ? await syncChannels(room) : undefined;
    this.extras = { signUserId: setup?.signInterpreterId ?? null, floorLanguage, languages, channels, room, wantLanguages, readAt: Date.now() };
    return this.extras;
  }

  private async plan(room: LiveRoom | undefined): Promise<Plan> {
    const sinks = [...this.sinks.values()];
    const wantLanguages = sinks.some((s) => s.wants?.languageTracks);
    const captions = sinks.some((s) => s.wants?.captions);
    const extras = await this.sessionExtras(room, wantLanguages);
    const layout = room
      ? chooseStageLayout({ streams: stageStreams(room), activeSpeakerPeerId: room.activeSpeakerPeerId, spotlightPeerId: room.spotlightPeerId, signUserId: extras.signUserId })
      : EMPTY;
    const languages = wantLanguages
      ? extras.languages.map((code) => {
          const channel = extras.channels?.get(code);
          return { code, producerId: channel && !channel.closed && channel.live ? channel.producer.id : null };
        })
      : [];
    return { layout, floorLanguage: extras.floorLanguage, languages, captions };
  }

  /** Compares what runs with what should run and switches when they differ. */
  private async tick(urgent: boolean): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const room = this.room();
      const sinkIds = [...this.sinks.keys()].sort().join(',');
      const current = this.segment;
      if (this.sinks.size === 0) {
        await this.endSegment();
        return;
      }
      const plan = await this.plan(room);
      if (current && !current.exited && current.sinkIds === sinkIds && current.room === room && samePlan(current.plan, plan)) {
        this.pendingSince = null;
        return;
      }
      // A dead FFmpeg or a changed set of sinks switches now; a changed stage waits until it settles.
      const forced = urgent || !current || current.exited || current.sinkIds !== sinkIds || current.room !== room;
      if (!forced) {
        this.pendingSince ??= Date.now();
        if (Date.now() - this.pendingSince < SETTLE_MS) return;
      }
      if (Date.now() < this.retryAt) return;
      this.pendingSince = null;
      await this.endSegment();
      await this.startSegment(room, plan, sinkIds);
    } catch (err) {
      console.error(`[compose ${this.sessionId}] switch failed`, err);
      this.failures++;
      this.retryAt = Date.now() + Math.min(10_000, 1000 * 2 ** this.failures);
    } finally {
      this.busy = false;
    }
  }

  /** The burned-in caption text file, started with the first segment that asks for captions. */
  private async captionFile(): Promise<{ textFile: string; fontFile: string } | null> {
    const font = await captionFont();
    if (!font.ok) {
      console.warn(`[compose ${this.sessionId}] captions are not burned in: ${font.message}`);
      return null;
    }
    this.captions ??= new CaptionBurner(this.sessionId, path.join(this.workDir, 'captions.txt'));
    await this.captions.start();
    return { textFile: this.captions.textFile, fontFile: font.file };
  }

  /** What burned-in captions show now ('' when nothing); null when captions are not burned in. */
  get captionText(): string | null {
    return this.segment?.plan.captions && this.captions ? this.captions.text : null;
  }

  private async startSegment(room: LiveRoom | undefined, plan: Plan, sinkIds: string): Promise<void> {
    const sinks = [...this.sinks.values()];
    const outputs: { sink: CompositionSink; output: string }[] = [];
    const tracks = plan.languages.length > 0;
    for (const sink of sinks) {
      const output = await sink.output();
      if (output) outputs.push({ sink, output: tracks && !sink.wants?.languageTracks ? floorOnly(output) : output });
    }
    if (!outputs.length) return;
    const { layout } = plan;
    const channelIds = plan.languages.map((l) => l.producerId).filter((id): id is string => id !== null);
    const ids = [layout.main, layout.side, layout.sign, ...layout.audio, ...channelIds].filter((id): id is string => id !== null);
    await mkdir(this.workDir, { recursive: true });
    const captions = plan.captions ? await this.captionFile() : null;
    if (!plan.captions) this.captions?.stop();
    const feed = room && ids.length ? await openStageFeed(room, ids, new Set(channelIds)) : undefined;
    const shape: ComposeShape = {
      main: layout.main !== null,
      side: layout.side !== null,
      sign: layout.sign !== null,
      audio: layout.audio.length,
      languages: plan.languages.map((l) => ({ tag: iso639_2(l.code), live: l.producerId !== null })),
      floorTag: iso639_2(plan.floorLanguage),
      captions,
    };
    const sdpPath = path.join(this.workDir, `${randomUUID()}.sdp`);
    if (feed) await writeFile(sdpPath, feed.sdp);
    const ffmpeg = startFfmpeg(composeArgs(sdpPath, shape, outputs.map((o) => o.output)), `compose ${this.sessionId}`);
    const segment: Segment = { plan, room, sinkIds, feed, ffmpeg, sinks: outputs.map((o) => o.sink), sdpPath, exited: false, keyframeTimers: [] };
    this.segment = segment;
    const startedAt = Date.now();
    void ffmpeg.exited.then(({ tail }) => {
      segment.exited = true;
      for (const t of segment.keyframeTimers) clearTimeout(t);
      // Exiting on its own within seconds, again and again, means something is wrong: back off.
      if (Date.now() - startedAt < 5000) {
        this.failures++;
        this.retryAt = Date.now() + Math.min(10_000, 1000 * 2 ** this.failures);
        console.warn(`[compose ${this.sessionId}] FFmpeg stopped early: ${tail.trim().split('\n').slice(-3).join(' | ')}`);
      } else this.failures = 0;
    });
    if (feed) {
      // FFmpeg binds its ports as it reads the SDP; the consumers start sending a moment later, and
      // keyframe requests repeat because FFmpeg can only probe a video stream from a keyframe.
      segment.keyframeTimers.push(setTimeout(() => void feed.start().catch((err: unknown) => console.warn('[compose] resume', err)), 300));
      for (const ms of [1000, 2000, 3500, 6000]) segment.keyframeTimers.push(setTimeout(() => feed.requestKeyFrames(), ms));
    }
  }

  private async endSegment(): Promise<void> {
    const segment = this.segment;
    if (!segment) return;
    this.segment = undefined;
    for (const t of segment.keyframeTimers) clearTimeout(t);
    const wasRunning = !segment.exited;
    // A fragmented MP4 is playable up to its last fragment, so an FFmpeg slow to finish is killed soon.
    await segment.ffmpeg.stop(4000);
    const { tail, code, signal } = await segment.ffmpeg.exited;
    segment.feed?.close();
    await rm(segment.sdpPath, { force: true });
    const clean = wasRunning || (code === 0 && signal === null);
    for (const sink of segment.sinks) await sink.segmentEnded?.({ clean, tail });
  }
}

// One composer per session in this process; on globalThis like the live rooms (two module graphs).
const KEY = Symbol.for('balai.stage-composers');
const composers: Map<string, StageComposer> = ((globalThis as { [KEY]?: Map<string, StageComposer> })[KEY] ??= new Map());

export function composerFor(sessionId: string): StageComposer {
  let c = composers.get(sessionId);
  if (!c) {
    c = new StageComposer(sessionId);
    composers.set(sessionId, c);
  }
  return c;
}

/** Drops a sink and closes the session's composer when nothing needs it any more. */
export async function releaseSink(sessionId: string, sinkId: string): Promise<void> {
  const c = composers.get(sessionId);
  if (!c) return;
  await c.removeSink(sinkId);
  if (c.sinkCount === 0 && composers.get(sessionId) === c) {
    composers.delete(sessionId);
    await c.close();
  }
}

export function existingComposer(sessionId: string): StageComposer | undefined {
  return composers.get(sessionId);
}

export async function closeAllComposers(): Promise<void> {
  const all = [...composers.values()];
  composers.clear();
  await Promise.all(all.map((c) => c.close()));
}
