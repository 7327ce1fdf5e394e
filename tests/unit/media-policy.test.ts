import { describe, expect, it } from 'vitest';
import { grantsFor, listensFirst, mayPublish, type PublishContext } from '../../lib/domain/media-policy';
import { mediaClientEvents } from '../../lib/contracts/media';
import type { MediaSource } from '../../lib/contracts/media';

const base: PublishContext = { role: 'participant', liveMode: 'webinar', invitedToStage: false, hall: false, screenShareOpen: false };

describe('mayPublish', () => {
  it.each<[string, Partial<PublishContext>, MediaSource, boolean]>([
    ['webinar participant, microphone', {}, 'microphone', false],
    ['webinar participant, camera', {}, 'camera', false],
    ['webinar participant, screen', {}, 'screen', false],
    ['webinar presenter, camera', { role: 'presenter' }, 'camera', true],
    ['webinar presenter, screen', { role: 'presenter' }, 'screen', true],
    ['webinar moderator, microphone', { role: 'moderator' }, 'microphone', true],
    ['webinar organizer, screen audio', { role: 'organizer' }, 'screen-audio', true],
    ['webinar participant invited to the stage, camera', { invitedToStage: true }, 'camera', true],
    ['webinar participant invited to the stage, screen', { invitedToStage: true }, 'screen', true],
    ['hall device, camera', { role: 'moderator', hall: true }, 'camera', true],
    ['meeting participant, microphone', { liveMode: 'meeting' }, 'microphone', true],
    ['meeting participant, camera', { liveMode: 'meeting' }, 'camera', true],
    ['meeting participant, screen', { liveMode: 'meeting' }, 'screen', false],
    ['meeting participant, screen opened by a moderator', { liveMode: 'meeting', screenShareOpen: true }, 'screen', true],
    ['webinar participant, screen opened by a moderator', { screenShareOpen: true }, 'screen', true],
    ['webinar participant, screen opened, but microphone', { screenShareOpen: true }, 'microphone', false],
    ['not a member (or removed), meeting', { role: null, liveMode: 'meeting' }, 'microphone', false],
    ['not a member, screen opened', { role: null, screenShareOpen: true }, 'screen', false],
  ])('%s → %s', (_label, patch, source, expected) => {
    expect(mayPublish({ ...base, ...patch }, source)).toBe(expected);
  });

  it('grants moderation to organizers and moderators only', () => {
    expect(grantsFor({ ...base, role: 'moderator' }).moderate).toBe(true);
    expect(grantsFor({ ...base, role: 'organizer' }).moderate).toBe(true);
    expect(grantsFor({ ...base, role: 'presenter' }).moderate).toBe(false);
    expect(grantsFor({ ...base, invitedToStage: true }).moderate).toBe(false);
  });
});

describe('media contract', () => {
  const produce = mediaClientEvents['media:produce'].payload;
  const rtp = {
    mid: '0',
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc: 1234, dtx: true }],
    rtcp: { cname: 'x', reducedSize: true },
  };
  it.each([
    ['a browser microphone', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters: rtp }, true],
    ['simulcast camera encodings', { transportId: 't', kind: 'video', source: 'camera', rtpParameters: { ...rtp, codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }], encodings: [{ rid: 'r0' }, { rid: 'r1' }, { rid: 'r2' }] } }, true],
    ['kind and source disagree', { transportId: 't', kind: 'video', source: 'microphone', rtpParameters: rtp }, false],
    ['an unknown source', { transportId: 't', kind: 'audio', source: 'mixer', rtpParameters: rtp }, false],
    ['no codecs', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters: { ...rtp, codecs: [] } }, false],
    ['five encodings', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters: { ...rtp, encodings: [{}, {}, {}, {}, {}] } }, false],
    ['a non-media mime type', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters: { ...rtp, codecs: [{ ...rtp.codecs[0], mimeType: 'text/html' }] } }, false],
    ['an oversized blob', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters: { ...rtp, padding: 'x'.repeat(30_000) } }, false],
  ])('%s → valid: %s', (_label, payload, valid) => {
    expect(produce.safeParse(payload).success).toBe(valid);
  });

  it('accepts real DTLS parameters and refuses weak or missing fingerprints', () => {
    const connect = mediaClientEvents['media:connect-transport'].payload;
    const fp = { algorithm: 'sha-256', value: 'AB:CD' };
    expect(connect.safeParse({ transportId: 't', dtlsParameters: { role: 'client', fingerprints: [fp] } }).success).toBe(true);
    expect(connect.safeParse({ transportId: 't', dtlsParameters: { role: 'client', fingerprints: [] } }).success).toBe(false);
    expect(connect.safeParse({ transportId: 't', dtlsParameters: { fingerprints: [{ algorithm: 'md5', value: 'x' }] } }).success).toBe(false);
  });
});

describe('a device in the hall listens first', () => {
  it.each([
    ['participant', 'in_person', false, true],
    ['participant', 'in_person', true, true],
    ['participant', 'remote', true, true],
    ['participant', 'remote', false, false],
    ['presenter', 'in_person', false, false],
    ['moderator', 'in_person', false, false],
    ['organizer', 'in_person', false, false],
  ] as const)('a %s, attendance %s, guest %s: starts with camera and microphone off: %s', (role, attendanceMode, isGuest, expected) => {
    expect(listensFirst({ role, attendanceMode, isGuest })).toBe(expected);
  });
});
