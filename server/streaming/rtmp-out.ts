import type { DestinationStatus } from '../../lib/contracts/streaming';
import type { DestinationRow } from '../../lib/db/queries/recordings';
import { checkFfmpeg, redactUrl, startFfmpeg, type FfmpegProcess } from '../ffmpeg/ffmpeg';
import { freeRtpPortPair } from '../ffmpeg/rtp-ports';
import { tsOutput } from '../recording/compose-args';
import { composerFor, releaseSink, type CompositionSink } from '../recording/stage-composer';

/**
 * Streaming the composed stage to an RTMP(S) destination. The composition writes MPEG-TS to a local
 * UDP port (sending never blocks, so a slow or dead destination cannot hold up the recording); a
 * relay FFmpeg per destination copies it to the destination without re-encoding. A relay that
 * fails says why (refused, rejected key, unreachable) and tries again with a growing wait while the
 * organizer keeps the destination on. Nothing here touches the session itself.
 */

export type StatusListener = (sessionId: string, destinationId: string, status: DestinationStatus) => void;

const RETRY_MS = [3000, 6000, 15_000, 30_000, 60_000];

/** What FFmpeg's last words mean for an organizer. The key never appears: the tail is redacted. */
export function classifyRtmpFailure(tail: string): string {
  if (/Connection refused/i.test(tail)) return 'refused';
  if (/Name or service not known|Temporary failure in name resolution|Cannot resolve|No route to host|Network is unreachable|timed out/i.test(tail)) return 'unreachable';
  if (/Server error|NetStream\.Publish\.(BadName|Rejected)|Unauthorized|403|rejected|Input\/output error|Broken pipe|Connection reset/i.test(tail)) return 'rejected';
  if (/TLS|SSL|certificate|gnutls/i.test(tail)) return 'tls';
  return 'failed';
}

class RtmpPush implements CompositionSink {
  readonly id: string;
  status: DestinationStatus = { state: 'off', error: null };
  private relay: FfmpegProcess | undefined;
  private port: number | undefined;
  private running = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly row: DestinationRow,
    private readonly tell: StatusListener,
  ) {
    this.id = `rtmp:${row.id}`;
  }

  private set(status: DestinationStatus): void {
    if (this.status.state === status.state && this.status.error === status.error) return;
    this.status = status;
    this.tell(this.row.sessionId, this.row.id, status);
  }

  output(): string | null {
    return this.port === undefined ? null : tsOutput(this.port);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const check = await checkFfmpeg();
    if (!check.ok) {
      this.set({ state: 'error', error: 'ffmpeg-missing' });
      return;
    }
    this.running = true;
    this.port = await freeRtpPortPair();
    this.set({ state: 'connecting', error: null });
    this.launchRelay();
    composerFor(this.row.sessionId).addSink(this);
  }

  private target(): string {
    return `${this.row.url.replace(/\/+$/, '')}/${this.row.streamKey}`;
  }

  private launchRelay(): void {
    if (!this.running || this.port === undefined) return;
    const input = `udp://127.0.0.1:${this.port}?fifo_size=1000000&overrun_nonfatal=1`;
    let sent = 0;
    const relay = startFfmpeg(
      // Wall-clock timestamps: each new composition segment restarts its own from zero, the destination must see time go on.
      ['-fflags', '+discardcorrupt', '-use_wallclock_as_timestamps', '1', '-f', 'mpegts', '-i', input, '-map', '0', '-c', 'copy', '-f', 'flv', '-flvflags', 'no_duration_filesize', this.target()],
      `rtmp ${this.row.id}`,
      (report) => {
        const bytes = Number(report.total_size ?? 0);
        // Bytes leaving after the connection was made: the destination takes the stream.
        if (bytes > sent && bytes > 0) {
          sent = bytes;
          this.attempt = 0;
          this.set({ state: 'live', error: null });
        }
      },
    );
    this.relay = relay;
    void relay.exited.then(({ tail }) => {
      if (this.relay !== relay) return;
      this.relay = undefined;
      if (!this.running) return;
      const reason = classifyRtmpFailure(tail);
      console.warn(`[rtmp ${this.row.id}] relay stopped (${reason}): ${redactUrl(tail.trim().split('\n').slice(-2).join(' | '))}`);
      this.set({ state: 'error', error: reason });
      const wait = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)]!;
      this.retryTimer = setTimeout(() => this.launchRelay(), wait);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const relay = this.relay;
    this.relay = undefined;
    // The composition and the relay wind down together; the caller waits for the slower one only.
    await Promise.all([releaseSink(this.row.sessionId, this.id), relay?.stop(2000)]);
    this.port = undefined;
    this.set({ state: 'off', error: null });
  }
}

const KEY = Symbol.for('balai.rtmp-out');
interface Registry {
  pushes: Map<string, RtmpPush>;
  listener?: StatusListener;
}
const registry: Registry = ((globalThis as { [KEY]?: Registry })[KEY] ??= { pushes: new Map() });

export function setStreamStatusListener(listener: StatusListener | undefined): void {
  registry.listener = listener;
}

export function destinationStatus(destinationId: string): DestinationStatus {
  return registry.pushes.get(destinationId)?.status ?? { state: 'off', error: null };
}

export async function startPush(row: DestinationRow): Promise<DestinationStatus> {
  let push = registry.pushes.get(row.id);
  if (!push) {
    push = new RtmpPush(row, (s, d, status) => registry.listener?.(s, d, status));
    registry.pushes.set(row.id, push);
  }
  await push.start();
  return push.status;
}

export async function stopPush(destinationId: string): Promise<DestinationStatus> {
  const push = registry.pushes.get(destinationId);
  if (!push) return { state: 'off', error: null };
  registry.pushes.delete(destinationId);
  await push.stop();
  return push.status;
}

export async function stopAllPushes(): Promise<void> {
  for (const id of [...registry.pushes.keys()]) await stopPush(id);
}
