import type { types } from 'mediasoup';
import type { LiveRoom, LivePeer } from '../sfu/live-room';
import { startFfmpeg, type FfmpegProcess } from '../ffmpeg/ffmpeg';

/**
 * A stage source made on the server: FFmpeg reads something (a hall mixer's RTMP feed, a test
 * pattern), encodes VP8 + Opus and sends RTP into two PlainTransports whose producers belong to a
 * server-side peer of the live room, so browsers and the recorder see it like a presenter's camera.
 */

const VIDEO_PT = 101;
const AUDIO_PT = 100;

export interface RtpSource {
  video: types.Producer;
  audio: types.Producer;
  ffmpeg: FfmpegProcess;
  transports: types.PlainTransport[];
  close(): Promise<void>;
}

export interface RtpSourceOptions {
  /** FFmpeg input arguments (everything before the outputs), e.g. ['-re', '-f', 'lavfi', '-i', 'testsrc2=...']. */
  input: string[];
  /** Which input streams to map, e.g. ['0:v:0', '1:a:0']. */
  videoMap: string;
  audioMap: string;
  label: string;
  /** FFmpeg's progress reports and log, for a supervisor that must know when the feed really arrives. */
  onProgress?: (report: Record<string, string>) => void;
  onLog?: (text: string) => void;
}

function randomSsrc(): number {
  return 100_000_000 + Math.floor(Math.random() * 1_000_000_000);
}

export async function startRtpSource(room: LiveRoom, peer: LivePeer, options: RtpSourceOptions): Promise<RtpSource> {
  const router = peer.router;
  const listenInfo = { protocol: 'udp' as const, ip: '127.0.0.1' };
  // comedia: the transport learns FFmpeg's address from its packets. FFmpeg sends RTCP from a
  // socket of its own, so RTCP needs its own port (muxed, the first RTCP packet would claim the tuple).
  const vt = await router.createPlainTransport({ listenInfo, rtcpMux: false, comedia: true });
  const at = await router.createPlainTransport({ listenInfo, rtcpMux: false, comedia: true });
  const vSsrc = randomSsrc();
  const aSsrc = randomSsrc();
  let ffmpeg: FfmpegProcess | undefined;
  try {
    const video = await vt.produce({
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90000 }], encodings: [{ ssrc: vSsrc }] },
      appData: { peerId: peer.peerId, source: 'camera', server: true },
    });
    const audio = await at.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2, parameters: { 'sprop-stereo': 1 } }],
        encodings: [{ ssrc: aSsrc }],
      },
      appData: { peerId: peer.peerId, source: 'microphone', server: true },
    });
    const vPort = vt.tuple.localPort;
    const aPort = at.tuple.localPort;
    const vRtcp = vt.rtcpTuple!.localPort;
    const aRtcp = at.rtcpTuple!.localPort;
    ffmpeg = startFfmpeg(
      [
        ...options.input,
        '-map', options.videoMap,
        '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1200k', '-g', '25', '-keyint_min', '25', '-pix_fmt', 'yuv420p',
        '-ssrc', String(vSsrc), '-payload_type', String(VIDEO_PT),
        '-f', 'rtp', `rtp://127.0.0.1:${vPort}?rtcpport=${vRtcp}&pkt_size=1200`,
        '-map', options.audioMap,
        '-c:a', 'libopus', '-ar', '48000', '-ac', '2', '-b:a', '96k',
        '-ssrc', String(aSsrc), '-payload_type', String(AUDIO_PT),
        '-f', 'rtp', `rtp://127.0.0.1:${aPort}?rtcpport=${aRtcp}&pkt_size=1200`,
      ],
      options.label,
      options.onProgress,
      options.onLog,
    );
    await room.adoptProducer(peer, video, 'camera');
    await room.adoptProducer(peer, audio, 'microphone');
    const running = ffmpeg;
    return {
      video,
      audio,
      ffmpeg: running,
      transports: [vt, at],
      async close() {
        await running.stop(2000);
        vt.close();
        at.close();
      },
    };
  } catch (err) {
    await ffmpeg?.stop(1000);
    vt.close();
    at.close();
    throw err;
  }
}

/** A test pattern with a clock and a 440 Hz tone: the hall-mixer stand-in of the tests. */
export const TEST_PATTERN_INPUT = (size = '640x360') => [
  '-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`,
  '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
];
