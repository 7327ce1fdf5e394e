import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { IngestStatus } from '../../lib/contracts/streaming';
import { env } from '../../lib/env';
import { checkFfmpeg } from '../ffmpeg/ffmpeg';
import { addStageSource, type StageSource } from './stage-source';

/**
 * A session's RTMP input: the hall's video mixer (ATEM, vMix, OBS) pushes its programme feed to
 * rtmp://<host>:<port>/live/<key>; FFmpeg listens there, decodes it, re-encodes VP8 + Opus and sends
 * RTP into PlainTransport producers of a server-side peer on the stage. When the mixer disconnects
 * (a dead ingest) the peer leaves the stage and the input listens again; the session goes on.
 *
 * FFmpeg's RTMP listener takes any key, but says so in its log: a push with another key is cut off
 * at once and reported, so the key is the secret that guards the stage.
 */

export type IngestListener = (sessionId: string, status: IngestStatus) => void;

interface Ingest {
  sessionId: string;
  owner: { userId: string; name: string };
  key: string;
  port: number;
  status: IngestStatus;
  source?: StageSource;
  running: boolean;
  restartTimer?: NodeJS.Timeout;
}

const KEY = Symbol.for('balai.ingest');
interface Registry {
  ingests: Map<string, Ingest>;
  listener?: IngestListener;
}
const registry: Registry = ((globalThis as { [KEY]?: Registry })[KEY] ??= { ingests: new Map() });

export function setIngestListener(listener: IngestListener | undefined): void {
  registry.listener = listener;
}

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function freeIngestPort(): Promise<number | null> {
  const { INGEST_RTMP_PORT_MIN: min, INGEST_RTMP_PORT_MAX: max, INGEST_LISTEN_IP } = env();
  const used = new Set([...registry.ingests.values()].map((i) => i.port));
  for (let port = Math.min(min, max); port <= Math.max(min, max); port++) {
    if (!used.has(port) && (await portFree(port, INGEST_LISTEN_IP))) return port;
  }
  return null;
}

function set(ingest: Ingest, status: IngestStatus): void {
  if (ingest.status.state === status.state && ingest.status.error === status.error) return;
  ingest.status = status;
  registry.listener?.(ingest.sessionId, status);
}

export function ingestUrl(port: number): string {
  const host = env().INGEST_PUBLIC_HOST ?? (env().NEXTAUTH_URL ? new URL(env().NEXTAUTH_URL!).hostname : 'localhost');
  return `rtmp://${host}:${port}/live`;
}

async function listen(ingest: Ingest): Promise<void> {
  if (!ingest.running) return;
  let cutOff = false;
  const source = await addStageSource(ingest.sessionId, ingest.owner, {
    args: ['-listen', '1', '-i', `rtmp://${env().INGEST_LISTEN_IP}:${ingest.port}/live/${ingest.key}`],
    videoMap: '0:v:0',
    audioMap: '0:a:0',
    onProgress: (report) => {
      if (Number(report.frame ?? 0) > 0 && !cutOff) set(ingest, { state: 'live', error: null });
    },
    onLog: (text) => {

      // FFmpeg took a push under another key (or app): cut it off before its picture reaches anyone.
      if (!cutOff && /Unexpected stream|App field don't match up/.test(text)) {
        cutOff = true;
        source.source.ffmpeg.child.kill('SIGKILL');
        set(ingest, { state: 'error', error: 'wrong-key' });
      }
    },
  });
  ingest.source = source;
  // Listening (again): the last problem stays in view until the feed is live.
  set(ingest, { state: 'waiting', error: ingest.status.error });
  void source.source.ffmpeg.exited.then(async () => {
    if (ingest.source !== source) return;
    ingest.source = undefined;
    await source.close();
    if (!ingest.running) return;
    // The mixer went away (or a wrong key was cut off): say so, and listen again.
    if (!cutOff) set(ingest, { state: 'error', error: 'disconnected' });
    ingest.restartTimer = setTimeout(() => void listen(ingest).catch((err: unknown) => fail(ingest, err)), 1000);
  });
}

function fail(ingest: Ingest, err: unknown): void {
  console.error(`[ingest ${ingest.sessionId}] could not listen`, err);
  set(ingest, { state: 'error', error: 'failed' });
}

export function ingestOf(sessionId: string): Ingest | undefined {
  return registry.ingests.get(sessionId);
}

export async function enableIngest(sessionId: string, owner: { userId: string; name: string }): Promise<Ingest> {
  const existing = registry.ingests.get(sessionId);
  if (existing) return existing;
  const check = await checkFfmpeg();
  const port = check.ok ? await freeIngestPort() : null;
  const ingest: Ingest = { sessionId, owner, key: randomBytes(12).toString('hex'), port: port ?? 0, status: { state: 'off', error: null }, running: port !== null };
  registry.ingests.set(sessionId, ingest);
  if (!check.ok) set(ingest, { state: 'error', error: 'ffmpeg-missing' });
  else if (port === null) set(ingest, { state: 'error', error: 'no-port' });
  else await listen(ingest).catch((err: unknown) => fail(ingest, err));
  return ingest;
}

export async function disableIngest(sessionId: string): Promise<void> {
  const ingest = registry.ingests.get(sessionId);
  if (!ingest) return;
  registry.ingests.delete(sessionId);
  ingest.running = false;
  if (ingest.restartTimer) clearTimeout(ingest.restartTimer);
  const source = ingest.source;
  ingest.source = undefined;
  await source?.close();
  set(ingest, { state: 'off', error: null });
}

export async function disableAllIngests(): Promise<void> {
  for (const id of [...registry.ingests.keys()]) await disableIngest(id);
}
