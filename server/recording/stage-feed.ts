import type { types } from 'mediasoup';
import type { LiveRoom } from '../sfu/live-room';
import { freeRtpPortPair } from '../ffmpeg/rtp-ports';

/**
 * The producers a composition shows, pulled out of the room: one PlainTransport and consumer per
 * producer on the room's first router, sending RTP (and RTCP on the next port) to 127.0.0.1 where
 * FFmpeg listens, described by one SDP file. FFmpeg decodes what the browsers sent (VP8, VP9, H264,
 * Opus); nothing here touches the media.
 */
export interface FeedStream {
  producerId: string;
  kind: 'audio' | 'video';
  port: number;
  consumer: types.Consumer;
  transport: types.PlainTransport;
}

export interface StageFeed {
  /** The SDP describing every stream in `streams` order (video first, as the layout asked). */
  sdp: string;
  streams: FeedStream[];
  /** Resumes the consumers (after FFmpeg is listening) and asks senders for keyframes. */
  start(): Promise<void>;
  requestKeyFrames(): void;
  close(): void;
}

/** The router's capabilities without RTX: FFmpeg neither asks for nor understands retransmissions. */
function plainCapabilities(router: types.Router): types.RtpCapabilities {
  const caps = router.rtpCapabilities;
  return { ...caps, codecs: (caps.codecs ?? []).filter((c) => !/\/rtx$/i.test(c.mimeType)) };
}

function mediaSection(s: FeedStream): string {
  const codec = s.consumer.rtpParameters.codecs[0]!;
  const [, name] = codec.mimeType.split('/');
  const pt = codec.payloadType;
  const lines = [`m=${s.kind} ${s.port} RTP/AVP ${pt}`, `a=rtcp:${s.port + 1}`];
  lines.push(`a=rtpmap:${pt} ${name}/${codec.clockRate}${codec.channels ? `/${codec.channels}` : ''}`);
  const params = Object.entries(codec.parameters ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(';');
  if (params) lines.push(`a=fmtp:${pt} ${params}`);
  lines.push('a=recvonly');
  return lines.join('\r\n');
}

/** `onRouter`: producers that already live on the room's first router and belong to no peer (interpretation channels). */
export async function openStageFeed(room: LiveRoom, producerIds: string[], onRouter: ReadonlySet<string> = new Set()): Promise<StageFeed> {
  const router = room.router;
  const streams: FeedStream[] = [];
  const close = () => {
    for (const s of streams) s.transport.close();
  };
  try {
    for (const producerId of producerIds) {
      if (!onRouter.has(producerId)) await room.bringProducerTo(producerId, router);
      const port = await freeRtpPortPair();
      const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: false, comedia: false });
      await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
      const consumer = await transport.consume({ producerId, rtpCapabilities: plainCapabilities(router), paused: true });
      // The largest simulcast layer: the recording is the full picture, not a thumbnail.
      if (consumer.type === 'simulcast') await consumer.setPreferredLayers({ spatialLayer: 2, temporalLayer: 2 });
      streams.push({ producerId, kind: consumer.kind, port, consumer, transport });
    }
  } catch (err) {
    close();
    throw err;
  }
  const sdp = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=Balai stage', 'c=IN IP4 127.0.0.1', 't=0 0', ...streams.map(mediaSection)].join('\r\n') + '\r\n';
  const requestKeyFrames = () => {
    for (const s of streams) if (s.kind === 'video' && !s.consumer.closed) s.consumer.requestKeyFrame().catch(() => undefined);
  };
  return {
    sdp,
    streams,
    async start() {
      for (const s of streams) if (!s.consumer.closed) await s.consumer.resume();
      requestKeyFrames();
    },
    requestKeyFrames,
    close,
  };
}
