/**
 * SFU fan-out over two Balai nodes: one VP8 producer on node A, N consumers
 * split over A and B (B's reach the producer through one mediasoup pipe), and
 * each node's worker CPU per consumer beside the single-node figure
 * (all N on A). With two nodes, A's figure includes feeding the pipe to B.
 *
 * The nodes are real processes (tests/fixtures/node-process.ts) sharing
 * PostgreSQL and Redis; signalling is the real Socket.IO contract; media uses
 * plain RTP transports standing in for browsers. Needs DATABASE_URL and
 * REDIS_URL (or BALAI_TEST_REDIS_URL).
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/sfu-fanout-nodes.ts [10,50,200] [seconds]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import os from 'node:os';

process.env.NEXTAUTH_SECRET ??= 'bench';
process.env.BALAI_SEED_DEMO = '0';

const counts = (process.argv[2] ?? '10,50,200').split(',').map(Number);
const seconds = Number(process.argv[3] ?? 5);
const redisUrl = process.env.REDIS_URL ?? process.env.BALAI_TEST_REDIS_URL;
const PT = 101;
const SSRC = 0x1234abcd;
const PACKETS_PER_SECOND = 100; // ≈1 Mbit/s, a 720p camera layer
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

const vp8 = { mid: '0', codecs: [{ mimeType: 'video/VP8', payloadType: PT, clockRate: 90000, rtcpFeedback: [] }], headerExtensions: [], encodings: [{ ssrc: SSRC }], rtcp: { cname: 'bench', reducedSize: true } };

function rtpPacket(seq: number): Buffer {
  const buf = Buffer.alloc(1200);
  buf[0] = 0x80;
  buf[1] = 0x80 | PT;
  buf.writeUInt16BE(seq & 0xffff, 2);
  buf.writeUInt32BE((seq * 900) >>> 0, 4);
  buf.writeUInt32BE(SSRC, 8);
  buf[12] = 0x10;
  buf[16] = 0x9d;
  buf[17] = 0x01;
  buf[18] = 0x2a;
  return buf;
}

/** CPU seconds used so far by these processes (utime + stime from /proc). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS;
}

async function main() {
  if (!process.env.DATABASE_URL || !redisUrl) throw new Error('needs DATABASE_URL and REDIS_URL (or BALAI_TEST_REDIS_URL)');
  const { startNode, stopNode, connectedTo } = await import('../tests/fixtures/nodes');
  const { addMember, createEventWithSession, createUser, send } = await import('../tests/fixtures/server');
  const prefix = `balai-bench-${randomUUID()}:`;
  const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, MEDIASOUP_WORKERS: '1', PIPE_LISTEN_IP: '127.0.0.1' };
  const [a, b] = await Promise.all([startNode(env), startNode(env)]);
  const workers = { a: await a.workers(), b: await b.workers() };
  const rows: string[] = [];
  try {
    for (const n of counts) {
      for (const split of ['one node', 'two nodes'] as const) {
        const organizer = await createUser('Bench producer');
        const viewer = await createUser('Bench viewer');
        const { event, session } = await createEventWithSession(organizer, 'meeting');
        await addMember(event.id, viewer, 'participant');
        const producerSocket = await connectedTo(a, organizer);
        const joined = await send(producerSocket, 'media:join', { sessionId: session.id, hall: false });
        if (!joined.ok) throw new Error(joined.error.message);
        await send(producerSocket, 'media:set-capabilities', { rtpCapabilities: joined.data.routerRtpCapabilities });
        const ingress = await a.plain(producerSocket.id!, 'send');
        const produced = await send(producerSocket, 'media:produce', { transportId: ingress.transportId, kind: 'video', source: 'camera', rtpParameters: vp8, paused: false });
        if (!produced.ok) throw new Error(produced.error.message);

        const sink = dgram.createSocket('udp4');
        let received = 0;
        sink.on('message', () => received++);
        await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
        sink.setRecvBufferSize(16 * 1024 * 1024);
        const sinkPort = sink.address().port;
        const viewers = [];
        for (let i = 0; i < n; i++) {
          // A person with many tabs is many media peers: one user, N sockets.
          const node = split === 'two nodes' && i % 2 === 1 ? b : a;
          const s = await connectedTo(node, viewer);
          viewers.push(s);
          const j = await send(s, 'media:join', { sessionId: session.id, hall: false });
          if (!j.ok) throw new Error(j.error.message);
          await send(s, 'media:set-capabilities', { rtpCapabilities: j.data.routerRtpCapabilities });
          await node.plain(s.id!, 'recv', sinkPort);
          const c = await send(s, 'media:consume', { producerId: produced.data.producerId });
          if (!c.ok) throw new Error(c.error.message);
          await send(s, 'media:resume-consumer', { consumerId: c.data.consumerId });
        }

        const source = dgram.createSocket('udp4');
        let seq = 0;
        const timer = setInterval(() => source.send(rtpPacket(seq++), ingress.port, '127.0.0.1'), 1000 / PACKETS_PER_SECOND);
        await new Promise((r) => setTimeout(r, 1000));
        const cpuA0 = cpuSeconds(workers.a);
        const cpuB0 = cpuSeconds(workers.b);
        const recv0 = received;
        const t0 = performance.now();
        await new Promise((r) => setTimeout(r, seconds * 1000));
        const elapsed = (performance.now() - t0) / 1000;
        const cpuA = ((cpuSeconds(workers.a) - cpuA0) / elapsed) * 100;
        const cpuB = ((cpuSeconds(workers.b) - cpuB0) / elapsed) * 100;
        const delivered = (received - recv0) / elapsed / n;
        clearInterval(timer);
        source.close();
        sink.close();
        for (const s of [producerSocket, ...viewers]) s.disconnect();

        const onA = split === 'two nodes' ? Math.ceil(n / 2) : n;
        const onB = n - onA;
        const f = (x: number, d = 2) => x.toFixed(d);
        rows.push(
          `| ${n} | ${split} | ${onA} / ${onB} | ${f(cpuA, 1)} | ${onA ? f(cpuA / onA, 3) : '–'} | ${f(cpuB, 1)} | ${onB ? f(cpuB / onB, 3) : '–'} | ${f(delivered, 0)} |`,
        );
        console.error(`n=${n} ${split} done`);
      }
    }
  } finally {
    await Promise.all([a, b].map(stopNode));
  }
  console.log(`# sfu-fanout-nodes — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}`);
  console.log(`one VP8 producer on node A at ${PACKETS_PER_SECOND} packets/s (≈1 Mbit/s), ${seconds} s per measurement, worker CPU from /proc`);
  console.log('');
  console.log('| consumers | layout | consumers on A / B | A worker CPU % | A CPU % per consumer | B worker CPU % | B CPU % per consumer | packets/s delivered per consumer |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
