import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { types } from 'mediasoup';

/**
 * Floor audio out of mediasoup for speech-to-text: a PlainTransport sends one
 * producer's Opus RTP to a local FFmpeg, which decodes it to 16 kHz mono
 * signed 16-bit PCM on stdout.
 */
export interface FloorTap {
  close(): void;
}

/** A free local UDP port for FFmpeg to listen on (taken and released; FFmpeg binds it a moment later). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function sdpFor(consumer: types.Consumer, port: number): string {
  const codec = consumer.rtpParameters.codecs[0]!;
  const pt = codec.payloadType;
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=balai-floor',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP ${pt}`,
    `a=rtpmap:${pt} opus/48000/2`,
    'a=recvonly',
    '',
  ].join('\n');
}

export async function tapFloor(router: types.Router, producerId: string, onPcm: (pcm: Buffer) => void): Promise<FloorTap> {
  const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
  const port = await freeUdpPort();
  await transport.connect({ ip: '127.0.0.1', port });
  const consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities, paused: true });
  const ffmpeg = spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-protocol_whitelist', 'pipe,udp,rtp', '-f', 'sdp', '-i', 'pipe:0', '-ar', '16000', '-ac', '1', '-f', 's16le', 'pipe:1'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  ffmpeg.stdin.end(sdpFor(consumer, port));
  ffmpeg.stdout.on('data', (chunk: Buffer) => onPcm(chunk));
  ffmpeg.stderr.resume();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    ffmpeg.kill('SIGKILL');
    transport.close();
  };
  ffmpeg.once('close', close);
  transport.observer.once('close', close);
  // FFmpeg needs a moment to open its socket; packets sent before that are lost, which only clips the first word.
  setTimeout(() => {
    if (!closed) consumer.resume().catch(() => undefined);
  }, 300);
  return { close };
}
