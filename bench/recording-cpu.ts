// CPU of one composed 720p recording (issue 12): how much of the machine FFmpeg's composition takes.
//
//   npx tsx bench/recording-cpu.ts            (RECORDING_SECONDS=60 by default)
//
// Starts Balai without Next.js (Socket.IO, mediasoup, an in-memory database), puts a server-side
// 1280×720 test pattern with a tone on a session's stage (the hall mixer path: FFmpeg → VP8/Opus →
// PlainTransport producers), records the session through the real composer (PlainTransport
// consumers → FFmpeg compose → H.264/AAC fragmented MP4), and samples /proc for the composing
// FFmpeg's CPU time. The test-pattern FFmpeg is reported separately: it stands in for the browsers.
//
// Baseline, in the same run and for as long: FFmpeg encoding a 1280×720 test pattern and a tone
// with the composer's own encoder settings (H.264 ultrafast/zerolatency 2.5 Mb/s, AAC 128 kb/s)
// and nothing else — no RTP in, no VP8 decoding, no layout. The ratio says what Balai's
// composition costs beyond encoding 720p at all.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';

process.env.NEXTAUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.BALAI_SEED_DEMO = '0';
process.env.BALAI_DATA_DIR ??= 'memory://';

const SECONDS = Number(process.env.RECORDING_SECONDS ?? 60);
const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
}

/** The same encoder settings as server/recording/compose-args.ts, on a plain test pattern, to nowhere. */
async function baselineCpu(seconds: number): Promise<number> {
  const child = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25',
    '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-r', '25', '-g', '50', '-b:v', '2500k', '-maxrate', '3000k', '-bufsize', '6000k',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
    '-f', 'null', '-',
  ], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 3000)); // past start-up, as for the composition
  const c0 = cpuSeconds(child.pid!);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const used = (cpuSeconds(child.pid!) - c0) / ((Date.now() - t0) / 1000);
  child.kill('SIGKILL');
  return used;
}

async function main() {
  const baseline = await baselineCpu(SECONDS);
  const { startServer } = await import('../server/app-server');
  const { createUser, createEventWithSession } = await import('../tests/fixtures/server');
  const { testPatternOnStage } = await import('../tests/fixtures/recording');
  const { startRecording, stopRecording } = await import('../server/recording/recorder');
  const { existingComposer } = await import('../server/recording/stage-composer');
  const server = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false });
  const organizer = await createUser('Bench organizer');
  const { session } = await createEventWithSession(organizer, 'meeting');
  const source = await testPatternOnStage(session.id, { userId: organizer.id, name: 'Test pattern' }, '1280x720');
  await startRecording(session.id, organizer.id, randomUUID());
  // Let the composition start (probe, first keyframe) before measuring.
  await new Promise((r) => setTimeout(r, 8000));
  const composePid = existingComposer(session.id)?.ffmpegPid;
  const sourcePid = source.source.ffmpeg.child.pid;
  if (!composePid || !sourcePid) throw new Error('the composition did not start');
  const c0 = cpuSeconds(composePid);
  const s0 = cpuSeconds(sourcePid);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const wall = (Date.now() - t0) / 1000;
  const compose = (cpuSeconds(composePid) - c0) / wall;
  const pattern = (cpuSeconds(sourcePid) - s0) / wall;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const [l1, l5, l15] = os.loadavg();
  console.log(`cores: ${cores}, measured ${wall.toFixed(0)} s each, load average ${l1!.toFixed(2)} ${l5!.toFixed(2)} ${l15!.toFixed(2)}`);
  console.log(`baseline FFmpeg (720p25 test pattern encoded alike, no composition): ${(baseline * 100).toFixed(0)} % of one core`);
  console.log(`compose FFmpeg (720p25 H.264 ultrafast + AAC): ${(compose * 100).toFixed(0)} % of one core (${((compose / cores) * 100).toFixed(0)} % of the machine)`);
  console.log(`test-pattern FFmpeg (stands in for browsers): ${(pattern * 100).toFixed(0)} % of one core`);
  console.log(`composition / baseline: ${(compose / baseline).toFixed(2)}×`);
  await stopRecording(session.id);
  // The MP4 is joined after stop returns: let it finish before the database closes.
  const { listRecordings } = await import('../lib/db/queries/recordings');
  for (let i = 0; i < 600 && (await listRecordings(session.id)).some((r) => r.status !== 'ready' && r.status !== 'failed'); i++) await new Promise((r) => setTimeout(r, 100));
  await source.close();
  await server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
