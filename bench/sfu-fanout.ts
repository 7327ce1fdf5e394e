/**
 * SFU fan-out: one video producer, N consumers, worker CPU per consumer.
 *
 * The producer is fed ~1 Mbit/s of VP8-shaped RTP from this process over UDP;
 * every consumer is a server-side PlainTransport sending to one local UDP sink
 * (no browsers needed). The same scenario runs twice per N in one process:
 * through Balai's own live room (worker pool, codecs, active speaker observer)
 * and through a bare mediasoup script, to show Balai adds no per-packet work.
 *
 *   MEDIASOUP_WORKERS=1 npx tsx bench/sfu-fanout.ts [10,50,200,500] [seconds]
 */
import dgram from 'node:dgram';
import os from 'node:os';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';

process.env.MEDIASOUP_WORKERS ??= '1';
process.env.NEXTAUTH_SECRET ??= 'bench';

const counts = (process.argv[2] ?? '10,50,200,500').split(',').map(Number);
const seconds = Number(process.argv[3] ?? 5);
/** Balai and bare runs alternate this many times per N (the machine is shared; the median evens out noise). */
const rounds = Number(process.argv[4] ?? 3);
const PT = 101;
const SSRC = 0x1234abcd;
const PACKETS_PER_SECOND = 100; // 100 × ~1.2 kB ≈ 1 Mbit/s, a 720p camera layer
const CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

/** RTP with a VP8 payload descriptor marking every packet as the start of a key frame. */
function rtpPacket(seq: number, timestamp: number): Buffer {
  const buf = Buffer.alloc(1200);
  buf[0] = 0x80;
  buf[1] = 0x80 | PT; // marker: one packet per frame
  buf.writeUInt16BE(seq & 0xffff, 2);
  buf.writeUInt32BE(timestamp >>> 0, 4);
  buf.writeUInt32BE(SSRC, 8);
  buf[12] = 0x10; // VP8 descriptor: S=1, PID=0
  buf[13] = 0x00; // VP8 header: P=0 (key frame)
  buf[16] = 0x9d; // key frame start code
  buf[17] = 0x01;
  buf[18] = 0x2a;
  buf.writeUInt16LE(1280, 19);
  buf.writeUInt16LE(720, 21);
  return buf;
}

interface Result {
  consumers: number;
  cpuPercent: number;
  cpuPerConsumer: number;
  deliveredPerConsumer: number;
}

async function run(router: types.Router, worker: types.Worker, n: number): Promise<Result> {
  const sink = dgram.createSocket('udp4');
  let received = 0;
  sink.on('message', () => {
    received++;
  });
  await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
  sink.setRecvBufferSize(16 * 1024 * 1024);
  const sinkPort = sink.address().port;

  const ingress = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
  const producer = await ingress.produce({
    kind: 'video',
    rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: PT, clockRate: 90000 }], encodings: [{ ssrc: SSRC }] },
  });
  const egress: types.PlainTransport[] = [];
  for (let i = 0; i < n; i++) {
    const t = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
    await t.connect({ ip: '127.0.0.1', port: sinkPort });
    await t.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    egress.push(t);
  }

  const source = dgram.createSocket('udp4');
  const target = ingress.tuple.localPort;
  let seq = 0;
  const timer = setInterval(() => {
    source.send(rtpPacket(seq, seq * 900), target, '127.0.0.1');
    seq++;
  }, 1000 / PACKETS_PER_SECOND);

  await new Promise((r) => setTimeout(r, 1000)); // warm up
  const cpu = async () => {
    const u = await worker.getResourceUsage();
    return u.ru_utime + u.ru_stime;
  };
  const cpu0 = await cpu();
  const recv0 = received;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = (performance.now() - t0) / 1000;
  const cpuMs = (await cpu()) - cpu0;
  const delivered = (received - recv0) / elapsed / n;

  clearInterval(timer);
  source.close();
  for (const t of egress) t.close();
  ingress.close();
  sink.close();
  const cpuPercent = cpuMs / 10 / elapsed;
  return { consumers: n, cpuPercent, cpuPerConsumer: cpuPercent / n, deliveredPerConsumer: delivered };
}

async function main() {
  const { startWorkerPool, stopWorkerPool, poolWorkers } = await import('../server/sfu/worker-pool');
  const { LiveRoom } = await import('../server/sfu/live-room');
  await startWorkerPool();
  const noop = { room: () => undefined, socket: () => undefined };
  const room = await LiveRoom.create('main:bench', '00000000-0000-0000-0000-000000000000', false, noop);
  const pid = (room.router.appData as { workerPid?: number }).workerPid;
  const balaiWorker = poolWorkers().find((w) => w.pid === pid);
  if (!balaiWorker) throw new Error('worker of the Balai room not found');

  const bareWorker = await mediasoup.createWorker({ logLevel: 'warn' });
  const bareRouter = await bareWorker.createRouter({ mediaCodecs: CODECS });

  const rows: Array<{ n: number; balai: Result; bare: Result }> = [];
  const median = (rs: Result[]): Result => {
    const sorted = [...rs].sort((a, b) => a.cpuPercent - b.cpuPercent);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  for (const n of counts) {
    const balai: Result[] = [];
    const bare: Result[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate who goes first so neither side always meets the warmer machine.
      if (r % 2 === 0) {
        balai.push(await run(room.router, balaiWorker, n));
        bare.push(await run(bareRouter, bareWorker, n));
      } else {
        bare.push(await run(bareRouter, bareWorker, n));
        balai.push(await run(room.router, balaiWorker, n));
      }
    }
    rows.push({ n, balai: median(balai), bare: median(bare) });
    console.error(`n=${n} done`);
  }

  room.close();
  bareWorker.close();
  await stopWorkerPool();

  const f = (x: number, d = 2) => x.toFixed(d);
  console.log(`# sfu-fanout — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, mediasoup ${mediasoup.version}`);
  console.log(`one VP8 producer at ${PACKETS_PER_SECOND} packets/s (≈1 Mbit/s), ${seconds} s per measurement, median of ${rounds} alternating runs, worker CPU from getResourceUsage()`);
  console.log('');
  console.log('| consumers | Balai worker CPU % | Balai CPU % per consumer | bare mediasoup CPU % | bare CPU % per consumer | packets/s delivered per consumer (Balai / bare) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const { n, balai, bare } of rows) {
    console.log(`| ${n} | ${f(balai.cpuPercent, 1)} | ${f(balai.cpuPerConsumer, 3)} | ${f(bare.cpuPercent, 1)} | ${f(bare.cpuPerConsumer, 3)} | ${f(balai.deliveredPerConsumer, 0)} / ${f(bare.deliveredPerConsumer, 0)} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
