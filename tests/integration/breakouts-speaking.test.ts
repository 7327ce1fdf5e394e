import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import type { ControlView } from '../../lib/contracts/breakouts';
import { livePeerOf } from '../../server/sfu/rooms';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, send, startTestServer, type TestSocket } from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];
const udp = dgram.createSocket('udp4');
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  udp.close();
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
const AUDIO_LEVEL_ID = 10;
const PT = 111;

/** A microphone as a browser describes it: Opus with the audio level header extension the SFU's observer reads. */
const mic = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: PT, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 }, rtcpFeedback: [] }],
  headerExtensions: [{ uri: AUDIO_LEVEL_URI, id: AUDIO_LEVEL_ID }],
  encodings: [{ ssrc }],
  rtcp: { cname: `c${ssrc}`, reducedSize: true },
});

/**
 * One 20 ms Opus packet carrying the RFC 6464 audio level (0 loudest … 127
 * silence, in -dBov) in a one-byte header extension, as Chromium sends it.
 */
function rtpPacket(ssrc: number, seq: number, level: number): Buffer {
  const b = Buffer.alloc(12 + 8 + 3);
  b[0] = 0x90; // version 2, extension present
  b[1] = PT;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE((seq * 960) >>> 0, 4);
  b.writeUInt32BE(ssrc, 8);
  b.writeUInt16BE(0xbede, 12); // one-byte header extensions
  b.writeUInt16BE(1, 14); // one 32-bit word of them
  b[16] = (AUDIO_LEVEL_ID << 4) | 0; // id, length - 1
  b[17] = (level < 127 ? 0x80 : 0) | level; // voice activity bit + level
  // b[18], b[19]: padding; then a tiny Opus frame (the SFU does not decode it).
  b.set([0xf8, 0xff, 0xfe], 20);
  return b;
}

/**
 * Sends a microphone's RTP into the SFU. Browsers reach it over ICE and DTLS;
 * a test can't, so the sender's media peer gets a plain RTP transport on its
 * own router in place of its WebRTC send transport. Everything after the
 * packets (producer signalling, observer, notices, control view) is the real path.
 */
async function plainSendTransport(socket: TestSocket): Promise<{ transportId: string; port: number }> {
  const live = livePeerOf(socket.id!);
  if (!live) throw new Error('no live peer');
  const transport = await live.peer.router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: true,
    comedia: true,
    appData: { direction: 'send', peerId: live.peer.peerId },
  });
  // The room keeps a peer's transports in one map typed for WebRTC; produce() only needs transport.produce.
  live.peer.transports.set(transport.id, transport as unknown as types.WebRtcTransport);
  return { transportId: transport.id, port: transport.tuple.localPort };
}

function speak(port: number, ssrc: number) {
  let seq = 1;
  let level = 127;
  const timer = setInterval(() => udp.send(rtpPacket(ssrc, seq++, level), port, '127.0.0.1'), 20);
  return {
    /** -dBov of what follows: 25 is a voice, 127 digital silence. */
    setLevel: (l: number) => (level = l),
    stop: () => clearInterval(timer),
  };
}

/** Waits for control-changed notices until the moderator's control view (fetched after each) satisfies `ok`. */
async function controlUntil(org: TestSocket, runId: string, ok: (v: ControlView) => boolean, timeoutMs = 10_000): Promise<ControlView> {
  const deadline = Date.now() + timeoutMs;
  let last: ControlView | undefined;
  while (Date.now() < deadline) {
    const notice = await nextEvent(org, 'breakout:control-changed', deadline - Date.now()).catch(() => null);
    if (!notice) break;
    expect(notice.runId).toBe(runId);
    const res = await send(org, 'breakout:control', { runId });
    if (!res.ok) throw new Error(res.error.message);
    last = res.data;
    if (ok(last)) return last;
  }
  throw new Error(`control view never matched; last: ${JSON.stringify(last?.rooms)}`);
}

const room = (v: ControlView, name: string) => v.rooms.find((r) => r.name === name)!;
const speakers = (v: ControlView, name: string) => room(v, name).members.filter((m) => m.speaking).map((m) => m.name);

describe('who is speaking in breakout rooms', () => {
  it('the control room shows the room with a voice as speaking and the muted room as silent, and follows when the voice stops', { timeout: 40_000 }, async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const ani = await createUser('Ani');
    const bayu = await createUser('Bayu');
    await addMember(event.id, ani, 'participant');
    await addMember(event.id, bayu, 'participant');
    const org = await connectAs(server, organizer);
    const [a, b] = await Promise.all([connectAs(server, ani), connectAs(server, bayu)]);
    sockets.push(org, a, b);

    const runId = randomUUID();
    const opened = await send(org, 'breakout:open', {
      sessionId: session.id,
      runId,
      mode: 'manual',
      rooms: [{ name: 'A' }, { name: 'B' }],
      durationMinutes: 10,
      manual: [
        { userId: ani.id, room: 0 },
        { userId: bayu.id, room: 1 },
      ],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    for (const s of [a, b]) expect(await send(s, 'breakout:sync', { sessionId: session.id })).toMatchObject({ ok: true });

    // Ani and Bayu are both in their rooms; nobody has spoken anywhere.
    const first = await send(org, 'breakout:control', { runId });
    if (!first.ok) throw new Error(first.error.message);
    for (const name of ['A', 'B']) {
      expect(room(first.data, name).members.every((m) => m.present && !m.speaking)).toBe(true);
      expect(room(first.data, name).silentForSeconds).toBeNull();
    }

    for (const s of [a, b]) {
      const joined = await send(s, 'media:join', { sessionId: session.id });
      if (!joined.ok) throw new Error(joined.error.message);
      expect((await send(s, 'media:set-capabilities', { rtpCapabilities: joined.data.routerRtpCapabilities })).ok).toBe(true);
    }
    // Bayu's microphone is on the way but muted (a paused producer): room B stays silent.
    const bSend = await send(b, 'media:create-transport', { direction: 'send' });
    if (!bSend.ok) throw new Error(bSend.error.message);
    expect(await send(b, 'media:produce', { transportId: bSend.data.id, kind: 'audio', source: 'microphone', rtpParameters: mic(2002), paused: true })).toMatchObject({ ok: true });

    // Ani's microphone sends a voice.
    const { transportId, port } = await plainSendTransport(a);
    const produced = await send(a, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: mic(1001), paused: false });
    if (!produced.ok) throw new Error(produced.error.message);
    const voice = speak(port, 1001);
    try {
      voice.setLevel(25);
      const speaking = await controlUntil(org, runId, (v) => speakers(v, 'A').length > 0);
      expect(speakers(speaking, 'A')).toEqual(['Ani']);
      expect(room(speaking, 'A').silentForSeconds).toBeLessThanOrEqual(2);
      expect(speakers(speaking, 'B')).toEqual([]);
      expect(room(speaking, 'B').silentForSeconds).toBeNull();

      // Background noise well under the threshold is not speech: Ani goes quiet and the control room follows.
      voice.setLevel(90);
      const quiet = await controlUntil(org, runId, (v) => speakers(v, 'A').length === 0);
      expect(room(quiet, 'A').members.map((m) => m.present)).toEqual([true]);
      // Room A did hear someone (so it is not "nobody has spoken yet"); B still never did.
      expect(room(quiet, 'A').silentForSeconds).not.toBeNull();
      expect(room(quiet, 'B').silentForSeconds).toBeNull();

      // Speaking again shows again; muting (pausing the producer) silences the room too.
      voice.setLevel(20);
      await controlUntil(org, runId, (v) => speakers(v, 'A').length === 1);
      expect(await send(a, 'media:pause-producer', { producerId: produced.data.producerId })).toMatchObject({ ok: true });
      await controlUntil(org, runId, (v) => speakers(v, 'A').length === 0);
    } finally {
      voice.stop();
    }
  });

  it('a visiting moderator who speaks shows as the room’s speaker (visitors are not members)', { timeout: 30_000 }, async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const citra = await createUser('Citra');
    await addMember(event.id, citra, 'participant');
    const org = await connectAs(server, organizer);
    const c = await connectAs(server, citra);
    sockets.push(org, c);
    const runId = randomUUID();
    const opened = await send(org, 'breakout:open', { sessionId: session.id, runId, mode: 'manual', rooms: [{ name: 'A' }], durationMinutes: 10, manual: [{ userId: citra.id, room: 0 }] });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(await send(c, 'breakout:sync', { sessionId: session.id })).toMatchObject({ ok: true });
    expect(await send(org, 'breakout:visit', { runId, roomId: opened.data.rooms[0]!.id })).toMatchObject({ ok: true });
    expect((await send(org, 'breakout:control', { runId })).ok).toBe(true);

    const joined = await send(org, 'media:join', { sessionId: session.id });
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.data.roomKey).toBe(`breakout:${opened.data.rooms[0]!.id}`);
    expect((await send(org, 'media:set-capabilities', { rtpCapabilities: joined.data.routerRtpCapabilities })).ok).toBe(true);
    const { transportId, port } = await plainSendTransport(org);
    expect(await send(org, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: mic(3003), paused: false })).toMatchObject({ ok: true });
    const voice = speak(port, 3003);
    try {
      voice.setLevel(25);
      const v = await controlUntil(org, runId, (x) => room(x, 'A').visitors.some((vis) => vis.speaking));
      expect(room(v, 'A').visitors).toEqual([{ userId: organizer.id, name: 'Org', table: false, speaking: true }]);
      expect(speakers(v, 'A')).toEqual([]);
      voice.setLevel(127);
      await controlUntil(org, runId, (x) => !room(x, 'A').visitors.some((vis) => vis.speaking));
    } finally {
      voice.stop();
    }
  });
});
