// The bare baseline of bench/join-time: the least a page needs to show a remote camera with
// mediasoup. Its own HTTP server (one HTML page and one esbuild bundle of bare-client.ts),
// Socket.IO on the same port, and its own mediasoup worker and router with Balai's codecs.
// No database, no authentication, no checks: the floor Balai's join is compared against.
import { createServer } from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { Server } from 'socket.io';
import { MEDIA_CODECS } from '../../server/sfu/config';

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body><script src="/client.js"></script></body></html>';

type Answer = { ok: true; data: unknown } | { ok: false; error: string };
type Reply = (answer: Answer) => void;

export async function startBareServer(): Promise<BareServer> {
  const bundle = await build({
    entryPoints: [path.join(__dirname, 'bare-client.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const script = bundle.outputFiles[0]!.contents;

  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const transports = new Map<string, types.WebRtcTransport>();
  let producer: types.Producer | undefined;

  const http = createServer((req, res) => {
    if (req.url?.startsWith('/client.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    }
  });
  const io = new Server(http, { transports: ['websocket'] });

  io.on('connection', (socket) => {
    const own: types.WebRtcTransport[] = [];
    const consumers = new Map<string, types.Consumer>();
    const on = (name: string, run: (payload: Record<string, unknown>) => Promise<unknown>) => {
      socket.on(name, (payload: Record<string, unknown>, reply: Reply) => {
        run(payload).then(
          (data) => reply({ ok: true, data }),
          (err: unknown) => reply({ ok: false, error: String(err) }),
        );
      });
    };
    const transportOf = (payload: Record<string, unknown>) => {
      const transport = transports.get(String(payload.transportId));
      if (!transport) throw new Error('no such transport');
      return transport;
    };
    on('capabilities', async () => router.rtpCapabilities);
    on('transport', async () => {
      const transport = await router.createWebRtcTransport({
        listenInfos: [
          { protocol: 'udp', ip: '127.0.0.1' },
          { protocol: 'tcp', ip: '127.0.0.1' },
        ],
        preferUdp: true,
        initialAvailableOutgoingBitrate: 1_000_000,
      });
      transports.set(transport.id, transport);
      own.push(transport);
      const { id, iceParameters, iceCandidates, dtlsParameters } = transport;
      return { id, iceParameters, iceCandidates, dtlsParameters };
    });
    on('transport:connect', async (p) => transportOf(p).connect({ dtlsParameters: p.dtlsParameters as types.DtlsParameters }));
    on('produce', async (p) => {
      producer = await transportOf(p).produce({ kind: p.kind as types.MediaKind, rtpParameters: p.rtpParameters as types.RtpParameters });
      return { id: producer.id };
    });
    on('consume', async (p) => {
      const rtpCapabilities = p.rtpCapabilities as types.RtpCapabilities;
      if (!producer || !router.canConsume({ producerId: producer.id, rtpCapabilities })) throw new Error('nothing to consume');
      const consumer = await transportOf(p).consume({ producerId: producer.id, rtpCapabilities, paused: true });
      consumers.set(consumer.id, consumer);
      return { id: consumer.id, producerId: producer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters };
    });
    on('resume', async (p) => {
      const consumer = consumers.get(String(p.consumerId));
      if (!consumer) throw new Error('no such consumer');
      await consumer.resume();
    });
    socket.on('disconnect', () => {
      for (const transport of own) {
        transports.delete(transport.id);
        transport.close();
      }
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await io.close();
      worker.close();
    },
  };
}
