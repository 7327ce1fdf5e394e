// HLS delay glass-to-glass, approximately (issue 12): how long after something happens on the
// stage a watcher of the watch-only stream sees it.
//
//   npx tsx bench/hls-delay.ts            (HLS_FLASHES=4 by default, 10 s apart from HLS_FIRST_FLASH=20 s)
//
// Starts Balai without Next.js (Socket.IO, mediasoup, an in-memory database) and puts a server-side
// source on a session's stage: FFmpeg makes a grey 640×360 picture (and a tone) that turns white
// for a moment every 10 s from 20 s on — flash k lasts (k+1)×0.4 s, so a flash is recognised by its length
// even when the first ones happen before the stream starts. The source goes the way a camera
// does (VP8/Opus RTP → mediasoup → the composer's PlainTransports → FFmpeg compose → HLS segments).
//
// "Glass" on the source side: the flash's wall-clock time, from FFmpeg's own progress reports
// (the earliest now − out_time, so FFmpeg's start-up is not counted as delay). On the watcher's
// side: the wall-clock time the segment holding the flash's first frame appears in the playlist,
// plus what a player adds — hls.js as configured on the watch page (liveSyncDurationCount 3)
// plays 3 segment durations behind the playlist's end. The result is printed as both parts, and
// as a ratio to the segment duration (the baseline every HLS delay is made of).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.NEXTAUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.BALAI_SEED_DEMO = '0';
process.env.BALAI_DATA_DIR ??= 'memory://';

const FLASHES = Number(process.env.HLS_FLASHES ?? 4);
const PERIOD_S = 10;
const FLASH_UNIT_S = 0.4;
const PLAYER_HOLD_SEGMENTS = 3;
const FIRST_FLASH_S = Number(process.env.HLS_FIRST_FLASH ?? 20);

/**
 * Per frame of a segment: its pts and mean luma (signalstats), decoded by FFmpeg. Asynchronous, so
 * the playlist keeps being polled on time while segments are decoded.
 */
function lumaOf(file: string): Promise<Array<{ pts: number; y: number }>> {
  return new Promise((resolve) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-nostats', '-copyts', '-i', file, '-an', '-vf', 'signalstats,metadata=print:key=lavfi.signalstats.YAVG', '-f', 'null', '-'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('close', () => {
      rmSync(file, { force: true });
      const frames: Array<{ pts: number; y: number }> = [];
      let pts: number | null = null;
      for (const line of log.split('\n')) {
        const p = /pts_time:([\d.]+)/.exec(line);
        if (p) pts = Number(p[1]);
        const y = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(line);
        if (y && pts !== null) frames.push({ pts, y: Number(y[1]) });
      }
      resolve(frames);
    });
  });
}

async function main() {
  const { startServer } = await import('../server/app-server');
  const { createUser, createEventWithSession } = await import('../tests/fixtures/server');
  const { addStageSource } = await import('../server/streaming/stage-source');
  const { enableWatch, disableWatch, hlsDir, HLS_SEGMENT_SECONDS } = await import('../server/streaming/hls');
  const server = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false });
  const organizer = await createUser('Bench organizer');
  const { session } = await createEventWithSession(organizer, 'meeting');

  // The source's wall-clock origin: the smallest (now − out_time) over its progress reports.
  let origin = Infinity;
  // The first flash comes late enough for the composition and the first segments to be running.
  const flashes = Array.from({ length: FLASHES }, (_, k) => ({ k, at: FIRST_FLASH_S + PERIOD_S * k, len: FLASH_UNIT_S * (k + 1) }));
  const enable = flashes.map((f) => `between(t,${f.at},${(f.at + f.len - 0.001).toFixed(3)})`).join('+');
  const source = await addStageSource(session.id, { userId: organizer.id, name: 'Flashing source' }, {
    args: ['-re', '-f', 'lavfi', '-i', `color=c=gray:s=640x360:r=25,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='${enable}'`, '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
    videoMap: '0:v:0',
    audioMap: '1:a:0',
    onProgress: (report) => {
      const us = Number(report.out_time_us ?? report.out_time_ms ?? NaN);
      if (Number.isFinite(us) && us > 0) origin = Math.min(origin, Date.now() - us / 1000);
    },
  });
  await enableWatch(session.id);
  const dir = hlsDir(session.id);

  // The watcher's side: poll the playlist as a player would (every 100 ms), note when each segment appears.
  const appeared = new Map<string, number>();
  const frames: Array<{ pts: number; y: number; segment: string }> = [];
  const decoding: Promise<void>[] = [];
  const until = Date.now() + (FIRST_FLASH_S + PERIOD_S * FLASHES + 20) * 1000;
  while (Date.now() < until) {
    const playlist = path.join(dir, 'index.m3u8');
    if (existsSync(playlist)) {
      for (const name of readFileSync(playlist, 'utf8').split('\n').filter((l) => l.endsWith('.ts'))) {
        if (appeared.has(name)) continue;
        appeared.set(name, Date.now());
        const file = path.join(dir, name);
        // Copied at once: the muxer deletes old segments while they are being decoded.
        if (existsSync(file)) {
          const copy = path.join(os.tmpdir(), `hls-delay-${process.pid}-${name}`);
          copyFileSync(file, copy);
          decoding.push(lumaOf(copy).then((fs) => fs.forEach((f) => frames.push({ ...f, segment: name }))));
        }
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  await Promise.all(decoding);
  // Flashes: runs of bright frames (above the midpoint of the darkest and brightest frame).
  const ys = frames.map((f) => f.y);
  const threshold = (Math.min(...ys) + Math.max(...ys)) / 2;
  frames.sort((a, b) => a.pts - b.pts);
  const runs: Array<{ start: (typeof frames)[number]; length: number }> = [];
  for (let i = 0; i < frames.length; i++) {
    if (frames[i]!.y <= threshold) continue;
    const start = frames[i]!;
    let j = i;
    while (j + 1 < frames.length && frames[j + 1]!.y > threshold && frames[j + 1]!.pts - frames[j]!.pts < 0.2) j++;
    runs.push({ start, length: frames[j]!.pts - start.pts + 1 / 25 });
    i = j;
  }
  const results: Array<{ k: number; pipeline: number; glass: number }> = [];
  for (const run of runs) {
    const flash = flashes.reduce((best, f) => (Math.abs(f.len - run.length) < Math.abs(best.len - run.length) ? f : best));
    if (Math.abs(flash.len - run.length) > FLASH_UNIT_S / 2) continue; // not recognisable: skip rather than guess
    const happened = origin + flash.at * 1000;
    const inPlaylist = appeared.get(run.start.segment)!;
    // Where in its segment the flash starts: the player reaches it that much before the segment's end.
    const segmentFrames = frames.filter((f) => f.segment === run.start.segment);
    const segmentEnd = Math.max(...segmentFrames.map((f) => f.pts)) + 1 / 25;
    const hold = PLAYER_HOLD_SEGMENTS * HLS_SEGMENT_SECONDS - (segmentEnd - run.start.pts);
    const pipeline = (inPlaylist - happened) / 1000;
    results.push({ k: flash.k, pipeline, glass: pipeline + hold });
  }
  const [l1, l5, l15] = os.loadavg();
  console.log(`load average: ${l1!.toFixed(2)} ${l5!.toFixed(2)} ${l15!.toFixed(2)} on ${os.availableParallelism?.() ?? os.cpus().length} cores`);
  const firstSegment = Math.min(...appeared.values());
  console.log(`segments seen: ${appeared.size} (the first ${((firstSegment - origin) / 1000).toFixed(1)} s after the source started), frames decoded: ${frames.length}, luma ${Math.min(...ys).toFixed(0)}–${Math.max(...ys).toFixed(0)}, bright runs: ${runs.map((r) => r.length.toFixed(2)).join(' ') || 'none'}`);
  console.log(`flashes recognised: ${results.length} of ${FLASHES}`);
  for (const r of results) console.log(`flash ${r.k}: in the playlist after ${r.pipeline.toFixed(2)} s, on a watcher's screen after ≈${r.glass.toFixed(2)} s`);
  if (results.length) {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const glass = mean(results.map((r) => r.glass));
    console.log(
      `HLS delay glass-to-glass ≈ ${glass.toFixed(1)} s (source → playlist ${mean(results.map((r) => r.pipeline)).toFixed(1)} s + player hold-back), ` +
        `${(glass / HLS_SEGMENT_SECONDS).toFixed(1)}× the ${HLS_SEGMENT_SECONDS} s segment duration`,
    );
  } else console.log('no flash was recognised: the stream did not start in time on this machine');
  await disableWatch(session.id);
  await source.close();
  await server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
