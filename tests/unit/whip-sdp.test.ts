import { describe, expect, it } from 'vitest';
import { getSupportedRtpCapabilities, type types } from 'mediasoup';
import { OfferError, planOffer, readOffer, writeAnswer } from '../../server/streaming/whip-sdp';
import { whipOffer } from '../fixtures/whip';
import { MEDIA_CODECS } from '../../server/sfu/config';

// What a Balai router offers (server/sfu/config.ts): Opus, VP8, and H.264 constrained baseline with packetization-mode 1.
const supported = getSupportedRtpCapabilities();
const h264 = MEDIA_CODECS.find((c) => c.mimeType.toLowerCase() === 'video/h264')!;
const caps: types.RtpCapabilities = {
  codecs: supported.codecs!.flatMap((c, i): types.RtpCodecCapability[] => {
    const preferredPayloadType = c.preferredPayloadType ?? 96 + i;
    // video/rtx as a router lists it: an offer with only RTX left must still find no codec.
    if (c.mimeType === 'audio/opus' || c.mimeType === 'video/VP8') return [{ ...c, preferredPayloadType }, ...(c.kind === 'video' ? [{ kind: 'video' as const, mimeType: 'video/rtx', clockRate: 90000, preferredPayloadType: preferredPayloadType + 1, parameters: { apt: preferredPayloadType } }] : [])];
    if (c.mimeType === 'video/H264') return [{ ...c, preferredPayloadType, parameters: h264.parameters }];
    return [];
  }),
  headerExtensions: supported.headerExtensions,
};

const h264Offer = (profile: string) =>
  whipOffer()
    .replace('m=video 9 UDP/TLS/RTP/SAVPF 96 97 35', 'm=video 9 UDP/TLS/RTP/SAVPF 102')
    .replace(/a=rtpmap:96 VP8\/90000\r\n(a=rtcp-fb:96 .*\r\n)+a=rtpmap:97 rtx\/90000\r\na=fmtp:97 apt=96\r\na=rtpmap:35 AV1\/90000\r\n/, `a=rtpmap:102 H264/90000\r\na=rtcp-fb:102 nack\r\na=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=${profile}\r\n`);

describe('WHIP offers and answers', () => {
  it('takes Opus and VP8 with RTX from a browser-like offer, and answers ICE-lite, passive, recvonly', () => {
    const offer = readOffer(whipOffer());
    expect(offer.dtls).toMatchObject({ role: 'client', fingerprints: [{ algorithm: 'sha-256' }] });
    const plan = planOffer(offer, caps);
    expect(plan.sections.map((s) => s && [s.kind, s.mid, s.rtpParameters.codecs.map((c) => c.mimeType), s.rtpParameters.encodings])).toEqual([
      ['audio', '0', ['audio/opus'], [{ ssrc: 1001 }]],
      ['video', '1', ['video/VP8', 'video/rtx'], [{ ssrc: 2001, rtx: { ssrc: 2002 } }]],
    ]);
    const answer = writeAnswer(offer, plan, {
      iceParameters: { usernameFragment: 'u', password: 'p', iceLite: true },
      iceCandidates: [{ foundation: 'udpcandidate', priority: 1, ip: '127.0.0.1', address: '127.0.0.1', protocol: 'udp', port: 40000, type: 'host' }],
      dtlsParameters: { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }] },
    });
    expect(answer).toMatch(/^a=ice-lite$/m);
    expect(answer).toMatch(/^a=setup:passive$/m);
    expect(answer).toMatch(/^a=candidate:udpcandidate 1 udp 1 127\.0\.0\.1 40000 typ host$/m);
    expect(answer.match(/^a=recvonly$/gm)).toHaveLength(2);
  });

  it.each([
    ['H.264 constrained baseline', '42e01f', true],
    ['H.264 baseline', '42001f', false],
    ['H.264 high', '640c1f', false],
  ])('video in %s is %s', (_name, profile, taken) => {
    const plan = planOffer(readOffer(h264Offer(profile)), caps);
    expect(plan.sections[1] !== null).toBe(taken);
  });

  it.each([
    ['an empty body', '', /empty/],
    ['not SDP', 'hello', /SDP/],
    ['no fingerprint', whipOffer().replace(/a=fingerprint:.*\r\n/g, ''), /fingerprint/],
    ['no rtcp-mux', whipOffer().replace(/a=rtcp-mux\r\n/g, ''), /rtcp-mux/],
    ['simulcast', whipOffer().replace('a=sendonly\r\na=msid:mixer video', 'a=sendonly\r\na=rid:h send\r\na=rid:l send\r\na=simulcast:send h;l\r\na=msid:mixer video'), /simulcast/],
    ['only receiving', whipOffer().replace(/a=sendonly/g, 'a=recvonly'), /codec/],
    ['no codec but RTX', whipOffer().replace(/VP8/g, 'XYZ').replace(/opus/g, 'nope'), /codec/],
  ])('refuses %s with a reason', (_name, sdp, reason) => {
    expect(() => planOffer(readOffer(sdp), caps)).toThrow(OfferError);
    expect(() => planOffer(readOffer(sdp), caps)).toThrow(reason);
  });

  it('a passive publisher makes Balai the DTLS client', () => {
    const offer = readOffer(whipOffer().replace(/a=setup:actpass/g, 'a=setup:passive'));
    expect(offer.dtls.role).toBe('server');
    expect(offer.setup).toBe('active');
  });
});
