import type { types } from 'mediasoup';
import { env } from '../../lib/env';

/** Opus, VP8 (simulcast), VP9 and H264: what current browsers send and receive. */
export const MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 2, 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/h264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 1000 },
  },
];

/**
 * Where WebRTC transports listen. By default each transport takes a free port
 * from the RTC port range (UDP preferred, TCP as fallback), so several Balai
 * processes on one machine do not fight over a fixed port; with
 * MEDIASOUP_WEBRTC_SERVER_PORT all transports of a worker share one port.
 */
export function webRtcTransportOptions(webRtcServer?: types.WebRtcServer): types.WebRtcTransportOptions {
  const common = { enableUdp: true, enableTcp: true, preferUdp: true, initialAvailableOutgoingBitrate: 1_000_000 };
  // With a WebRtcServer every transport of the worker shares its one port (simplest firewall rule).
  if (webRtcServer) return { webRtcServer, ...common };
  const { MEDIASOUP_LISTEN_IP, MEDIASOUP_ANNOUNCED_ADDRESS, RTC_MIN_PORT, RTC_MAX_PORT } = env();
  const portRange = { min: Math.min(RTC_MIN_PORT, RTC_MAX_PORT), max: Math.max(RTC_MIN_PORT, RTC_MAX_PORT) };
  const base = { ...listenAddress(MEDIASOUP_LISTEN_IP, MEDIASOUP_ANNOUNCED_ADDRESS), portRange };
  return {
    listenInfos: [
      { protocol: 'udp', ...base },
      { protocol: 'tcp', ...base },
    ],
    ...common,
  };
}

/** The listen infos of worker number `index`'s WebRtcServer, or none when MEDIASOUP_WEBRTC_SERVER_PORT is unset. */
export function webRtcServerListenInfos(index: number): types.TransportListenInfo[] | undefined {
  const { MEDIASOUP_WEBRTC_SERVER_PORT, MEDIASOUP_LISTEN_IP, MEDIASOUP_ANNOUNCED_ADDRESS } = env();
  if (MEDIASOUP_WEBRTC_SERVER_PORT === undefined) return undefined;
  const base = { ...listenAddress(MEDIASOUP_LISTEN_IP, MEDIASOUP_ANNOUNCED_ADDRESS), port: MEDIASOUP_WEBRTC_SERVER_PORT + index };
  return [
    { protocol: 'udp', ...base },
    { protocol: 'tcp', ...base },
  ];
}

/**
 * Where transports listen and what browsers are told. Listening on every interface needs an address to
 * announce; with none configured only this machine can reach the media (local development, `npm start`),
 * so the transports listen on loopback itself rather than on every interface announced as loopback. That
 * also connects sooner: measured by bench/join-time, Chromium took about 150 ms more to connect a
 * transport on 0.0.0.0 announced as 127.0.0.1 than one on 127.0.0.1 (issue 10.8).
 */
export function listenAddress(listenIp: string, configured: string | undefined): { ip: string; announcedAddress?: string } {
  if (configured) return { ip: listenIp, announcedAddress: configured };
  if (listenIp === '0.0.0.0' || listenIp === '::') return { ip: '127.0.0.1' };
  return { ip: listenIp };
}

/** The bitrate cap per incoming stream; simulcast layers stay well under it. */
export const MAX_INCOMING_BITRATE = 3_000_000;
