import { isSameProfile } from 'h264-profile-level-id';
import type { types } from 'mediasoup';
import * as sdpTransform from 'sdp-transform';

/**
 * WHIP (RFC 9725) speaks SDP; mediasoup speaks RTP parameters. This module translates one
 * publisher's offer into the producers' RtpParameters and the WebRtcTransport's DTLS role, and
 * writes the answer from the transport's ICE and DTLS parameters (mediasoup is ICE-lite, so the
 * answer carries every candidate and no trickle is needed). Only what a hall mixer sends is
 * taken: one audio and one video section, sendonly or sendrecv, without simulcast.
 */

/** A publisher's offer Balai cannot take; the message goes back in the 400 response (no secrets in it). */
export class OfferError extends Error {}

type MediaDescription = sdpTransform.MediaDescription;
type Kind = 'audio' | 'video';

export interface ReadOffer {
  session: sdpTransform.SessionDescription;
  /** The publisher's DTLS side as mediasoup wants it in `connect` (the remote role). */
  dtls: types.DtlsParameters;
  /** Our `a=setup` in the answer. */
  setup: 'active' | 'passive';
}

export interface PlannedMedia {
  mid: string;
  kind: Kind;
  rtpParameters: types.RtpParameters;
}

export interface OfferPlan {
  /** Per m-section of the offer, in order: what we take, or null when the section is refused (port 0 in the answer). */
  sections: Array<PlannedMedia | null>;
}

const MAX_SDP_BYTES = 32 * 1024;
const FINGERPRINT_ALGORITHMS = new Set(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']);

/** Reads the offer's structure and DTLS setup; nothing here depends on the room. */
export function readOffer(sdp: string): ReadOffer {
  if (!sdp.trim()) throw new OfferError('the offer is empty');
  if (Buffer.byteLength(sdp) > MAX_SDP_BYTES) throw new OfferError('the offer is too large');
  if (!/^v=0\r?\n/.test(sdp)) throw new OfferError('the body is not an SDP offer (it must start with v=0)');
  let session: sdpTransform.SessionDescription;
  try {
    session = sdpTransform.parse(sdp);
  } catch {
    throw new OfferError('the offer could not be read as SDP');
  }
  const media = session.media ?? [];
  if (!media.some((m) => m.type === 'audio' || m.type === 'video')) throw new OfferError('the offer has no audio or video');
  const first = media.find((m) => m.type === 'audio' || m.type === 'video')!;
  const fingerprint = first.fingerprint ?? session.fingerprint;
  if (!fingerprint || !FINGERPRINT_ALGORITHMS.has(fingerprint.type.toLowerCase())) throw new OfferError('the offer has no DTLS fingerprint');
  const theirs = (first.setup ?? session.setup ?? 'actpass') as string;
  // actpass or active: they are the DTLS client and we answer passive; passive: we connect.
  const remoteRole: types.DtlsRole = theirs === 'passive' ? 'server' : 'client';
  return {
    session,
    dtls: { role: remoteRole, fingerprints: [{ algorithm: fingerprint.type.toLowerCase() as types.FingerprintAlgorithm, value: fingerprint.hash }] },
    setup: remoteRole === 'server' ? 'active' : 'passive',
  };
}

function fmtpOf(m: MediaDescription, payload: number): Record<string, string | number> {
  const line = m.fmtp?.find((f) => f.payload === payload)?.config;
  return line ? (sdpTransform.parseParams(line) as Record<string, string | number>) : {};
}

function sameCodec(kind: Kind, offered: { codec: string; rate?: number; encoding?: string | number }, params: Record<string, unknown>, cap: types.RtpCodecCapability): boolean {
  // Repair streams are never the media itself (a router lists video/rtx among its codecs too).
  if (offered.codec.toLowerCase() === 'rtx') return false;
  if (cap.kind !== kind || cap.mimeType.toLowerCase() !== `${kind}/${offered.codec}`.toLowerCase() || cap.clockRate !== offered.rate) return false;
  if (kind === 'audio' && (cap.channels ?? 1) !== Number(offered.encoding ?? 1)) return false;
  if (cap.mimeType.toLowerCase() === 'video/h264') {
    const capParams = cap.parameters as Record<string, unknown>;
    return Number(params['packetization-mode'] ?? 0) === Number(capParams['packetization-mode'] ?? 0) && isSameProfile(capParams, params);
  }
  if (cap.mimeType.toLowerCase() === 'video/vp9') return Number(params['profile-id'] ?? 0) === Number((cap.parameters as Record<string, unknown>)['profile-id'] ?? 0);
  return true;
}

/** The RTP parameters of one offered section against the router's capabilities, or null when no codec fits. */
function planSection(m: MediaDescription, index: number, caps: types.RtpCapabilities): PlannedMedia | null {
  const kind = m.type as Kind;
  const mid = m.mid !== undefined ? String(m.mid) : String(index);
  let chosen: { codec: types.RtpCodecParameters; cap: types.RtpCodecCapability } | undefined;
  for (const rtp of m.rtp) {
    const params = fmtpOf(m, rtp.payload);
    const cap = (caps.codecs ?? []).find((c) => sameCodec(kind, rtp, params, c));
    if (!cap) continue;
    const feedback = (m.rtcpFb ?? [])
      .filter((fb) => fb.payload === '*' || Number(fb.payload) === rtp.payload)
      .map((fb) => ({ type: fb.type, parameter: fb.subtype ?? '' }))
      .filter((fb) => (cap.rtcpFeedback ?? []).some((c) => c.type === fb.type && (c.parameter ?? '') === fb.parameter));
    chosen = {
      cap,
      codec: { mimeType: cap.mimeType, payloadType: rtp.payload, clockRate: rtp.rate!, ...(kind === 'audio' ? { channels: cap.channels } : {}), parameters: params, rtcpFeedback: feedback },
    };
    break;
  }
  if (!chosen) return null;
  const codecs: types.RtpCodecParameters[] = [chosen.codec];
  if (kind === 'video') {
    const rtx = m.rtp.find((r) => r.codec.toLowerCase() === 'rtx' && Number(fmtpOf(m, r.payload).apt) === chosen.codec.payloadType);
    if (rtx) codecs.push({ mimeType: 'video/rtx', payloadType: rtx.payload, clockRate: rtx.rate ?? 90000, parameters: { apt: chosen.codec.payloadType }, rtcpFeedback: [] });
  }
  const headerExtensions: types.RtpHeaderExtensionParameters[] = (m.ext ?? [])
    .filter((e) => (caps.headerExtensions ?? []).some((h) => h.kind === kind && h.uri === e.uri))
    .map((e) => ({ uri: e.uri as types.RtpHeaderExtensionUri, id: e.value, encrypt: false, parameters: {} }));
  if ((m.rids?.length ?? 0) > 1 || m.simulcast) throw new OfferError('simulcast is not supported by this input; send one encoding');
  const ssrcs = [...new Set((m.ssrcs ?? []).map((s) => Number(s.id)))];
  const fid = (m.ssrcGroups ?? []).find((g) => g.semantics === 'FID')?.ssrcs.split(' ').map(Number);
  const primary = fid?.[0] ?? ssrcs[0];
  const encoding: types.RtpEncodingParameters = {};
  if (primary !== undefined) encoding.ssrc = primary;
  // Without RTX negotiated, a stray repair SSRC would confuse the producer: give it only with the codec.
  if (fid?.[1] !== undefined && codecs.length > 1) encoding.rtx = { ssrc: fid[1] };
  const cname = (m.ssrcs ?? []).find((s) => s.attribute === 'cname')?.value;
  return {
    mid,
    kind,
    rtpParameters: {
      mid,
      codecs,
      headerExtensions,
      encodings: [encoding],
      rtcp: { ...(cname ? { cname } : {}), reducedSize: m.rtcpRsize !== undefined },
    },
  };
}

/** Which sections we take: the first sending audio and the first sending video with a codec the router has. */
export function planOffer(offer: ReadOffer, caps: types.RtpCapabilities): OfferPlan {
  const taken = new Set<Kind>();
  const sections = (offer.session.media ?? []).map((m, index) => {
    if ((m.type !== 'audio' && m.type !== 'video') || m.port === 0 || taken.has(m.type)) return null;
    const direction = m.direction ?? offer.session.direction ?? 'sendrecv';
    if (direction !== 'sendonly' && direction !== 'sendrecv') return null;
    if (!m.rtcpMux) throw new OfferError('the offer must use rtcp-mux');
    const planned = planSection(m, index, caps);
    if (planned) taken.add(m.type);
    return planned;
  });
  if (!sections.some(Boolean)) throw new OfferError('no offered codec is one Balai takes (audio: Opus; video: VP8, VP9 or H.264 constrained baseline)');
  return { sections };
}

export interface TransportFacts {
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
}

/** The SDP answer for an offer we planned, on the transport that will receive it. */
export function writeAnswer(offer: ReadOffer, plan: OfferPlan, transport: TransportFacts): string {
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? transport.dtlsParameters.fingerprints[0]!;
  const offered = offer.session.media ?? [];
  const accepted = plan.sections.filter((s): s is PlannedMedia => s !== null);
  const candidates = transport.iceCandidates.map((c) => ({
    foundation: c.foundation,
    component: 1,
    transport: c.protocol,
    priority: c.priority,
    ip: c.address,
    port: c.port,
    type: c.type,
    ...(c.tcpType ? { tcptype: c.tcpType } : {}),
  }));
  const address = transport.iceCandidates[0]?.address ?? '127.0.0.1';
  const ipVer = address.includes(':') ? 6 : 4;
  const media = offered.map((m, index) => {
    const planned = plan.sections[index];
    const mid = m.mid !== undefined ? String(m.mid) : String(index);
    if (!planned) {
      return { type: m.type, port: 0, protocol: m.protocol, payloads: m.payloads ?? '', mid, direction: 'inactive' as const, rtp: [], fmtp: [] };
    }
    const codecs = planned.rtpParameters.codecs;
    return {
      type: m.type,
      port: 9,
      protocol: 'UDP/TLS/RTP/SAVPF',
      payloads: codecs.map((c) => c.payloadType).join(' '),
      connection: { version: ipVer, ip: address },
      mid,
      direction: 'recvonly' as const,
      rtcpMux: 'rtcp-mux',
      ...(planned.rtpParameters.rtcp?.reducedSize ? { rtcpRsize: 'rtcp-rsize' } : {}),
      iceUfrag: transport.iceParameters.usernameFragment,
      icePwd: transport.iceParameters.password,
      setup: offer.setup,
      fingerprint: { type: fingerprint.algorithm, hash: fingerprint.value },
      rtp: codecs.map((c) => ({ payload: c.payloadType, codec: c.mimeType.split('/')[1]!, rate: c.clockRate, ...(c.channels && c.channels > 1 ? { encoding: c.channels } : {}) })),
      fmtp: codecs
        .filter((c) => Object.keys(c.parameters ?? {}).length > 0)
        .map((c) => ({ payload: c.payloadType, config: Object.entries(c.parameters as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(';') })),
      rtcpFb: codecs.flatMap((c) => (c.rtcpFeedback ?? []).map((fb) => ({ payload: c.payloadType, type: fb.type, ...(fb.parameter ? { subtype: fb.parameter } : {}) }))),
      ext: (planned.rtpParameters.headerExtensions ?? []).map((h) => ({ value: h.id, uri: h.uri })),
      candidates,
      endOfCandidates: 'end-of-candidates',
    };
  });
  const answer: sdpTransform.SessionDescription = {
    version: 0,
    origin: { username: '-', sessionId: Date.now(), sessionVersion: 1, netType: 'IN', ipVer, address },
    name: '-',
    timing: { start: 0, stop: 0 },
    icelite: 'ice-lite',
    groups: [{ type: 'BUNDLE', mids: accepted.map((s) => s.mid).join(' ') }],
    media: media as sdpTransform.SessionDescription['media'],
  };
  return sdpTransform.write(answer);
}
