import { describe, expect, it } from 'vitest';
import * as sdpTransform from 'sdp-transform';
import type { ServerEventPayload } from '../../lib/contracts/realtime';
import { setWhipConnectTimeout } from '../../server/streaming/whip';
import { nextEvent, send, collectEvents } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia, meetingWithModerator } from '../fixtures/media';
import { whipOffer, whipRequest } from '../fixtures/whip';

const testServer = useTestServer();
const { as } = testServer;

/** The endpoint as the test reaches it (the URL shown to organizers names the public host). */
const local = (url: string) => new URL(new URL(url).pathname, testServer.server.url.replace('localhost', '127.0.0.1')).toString();

describe('WHIP ingest from the hall mixer', () => {
  it('only organizers and moderators open the WHIP input or see its token; participants are refused', async () => {
    const { session, p } = await meetingWithModerator(as);
    for (const event of ['ingest:whip-enable', 'ingest:whip-disable', 'ingest:get'] as const) {
      const ack = await send(p, event, { sessionId: session.id });
      expect(ack.ok ? null : ack.error.code).toBe('forbidden');
    }
    const bad = await send(p, 'ingest:whip-enable', { sessionId: 'nope' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_payload');
  });

  it('an SDP offer with the token becomes the stage’s camera and microphone; bad tokens, bodies and methods get clear errors; DELETE ends it; the session goes on', { timeout: 60_000 }, async () => {
    const { session, m, p } = await meetingWithModerator(as);
    await joinMedia(p, session.id);
    const statuses = collectEvents(m, 'ingest:whip-status');
    // Closed: nothing answers at the session's address.
    const closed = await whipRequest(`${testServer.server.url.replace('localhost', '127.0.0.1')}/whip/${session.id}`, { method: 'POST', token: 'x', body: whipOffer() });
    expect(closed.status).toBe(404);

    const opened = await send(m, 'ingest:whip-enable', { sessionId: session.id });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.data.whip).toMatchObject({ enabled: true, url: expect.stringMatching(new RegExp(`/whip/${session.id}$`)), token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), status: { state: 'waiting' } });
    const again = await send(m, 'ingest:whip-enable', { sessionId: session.id });
    expect(again.ok && again.data.whip.token).toBe(opened.data.whip.token);
    const url = local(opened.data.whip.url!);
    const token = opened.data.whip.token!;

    // Refused publishers never appear in the call, not even for a moment.
    const peersJoined: string[] = [];
    p.on('media:peer-joined', (x) => peersJoined.push(`${x.peer.name} ${x.peer.peerId}`));
    const preflight = await whipRequest(url, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    // No token, a wrong token: 401, and the staff are told someone tried.
    expect((await whipRequest(url, { method: 'POST', body: whipOffer() })).status).toBe(401);
    const wrong = await whipRequest(url, { method: 'POST', token: 'not-the-token', body: whipOffer() });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    expect(wrong.body).not.toContain(token);
    await statuses.until((s) => s.status.error === 'wrong-key');
    // Not SDP, not an offer Balai can take, another method: said plainly.
    expect((await whipRequest(url, { method: 'POST', token, body: '{}', contentType: 'application/json' })).status).toBe(415);
    const garbage = await whipRequest(url, { method: 'POST', token, body: 'hello' });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatch(/SDP/);
    const noCodec = await whipRequest(url, { method: 'POST', token, body: whipOffer().replace(/VP8/g, 'XYZ').replace(/opus/g, 'nope') });
    expect(noCodec.status).toBe(400);
    expect(noCodec.body).toMatch(/codec/);
    expect((await whipRequest(url, { method: 'PATCH', token, body: 'a=end-of-candidates', contentType: 'application/trickle-ice-sdpfrag' })).status).toBe(405);
    await statuses.until((s) => s.status.error === 'bad-offer');

    const added: ServerEventPayload<'media:producer-added'>[] = [];
    p.on('media:producer-added', (x) => added.push(x));
    const joined = nextEvent(p, 'media:peer-joined', 10_000);
    const published = await whipRequest(url, { method: 'POST', token, body: whipOffer() });
    expect(published.status).toBe(201);
    expect(published.headers.get('content-type')).toBe('application/sdp');
    const location = published.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/whip/${session.id}/[0-9a-f-]{36}$`));
    // The answer: ICE-lite with its candidates, both sections received, VP8 with RTX and Opus chosen.
    const answer = sdpTransform.parse(published.body);
    expect(answer.icelite).toBe('ice-lite');
    expect(answer.groups?.[0]).toMatchObject({ type: 'BUNDLE', mids: '0 1' });
    expect(answer.media.map((x) => [x.type, x.direction, x.mid, x.rtp.map((r) => r.codec)])).toEqual([
      ['audio', 'recvonly', 0, ['opus']],
      ['video', 'recvonly', 1, ['VP8', 'rtx']],
    ]);
    expect(answer.media[0]!.setup).toBe('passive');
    expect(answer.media[0]!.candidates?.length).toBeGreaterThan(0);
    expect((await joined).peer).toMatchObject({ name: 'Hall mixer (WHIP)', onStage: true, hall: true });
    expect(peersJoined.map((x) => x.split(' ')[0])).toEqual(['Hall']);
    await expect.poll(() => added.map((x) => `${x.kind}:${x.source}`).sort(), { timeout: 10_000 }).toEqual(['audio:microphone', 'video:camera']);

    // DELETE needs the token too; then the mixer leaves the stage, and the resource is gone.
    expect((await whipRequest(`${url}/${location.split('/').pop()}`, { method: 'DELETE', token: 'wrong' })).status).toBe(401);
    const left = nextEvent(p, 'media:peer-left', 10_000);
    expect((await whipRequest(new URL(location, url).toString(), { method: 'DELETE', token })).status).toBe(200);
    await left;
    expect((await whipRequest(new URL(location, url).toString(), { method: 'DELETE', token })).status).toBe(404);

    // The session went on through all of it: the participant is still in the call and can ask for its state.
    const still = await send(p, 'media:set-capabilities', { rtpCapabilities: (await joinMedia(p, session.id)).routerRtpCapabilities });
    expect(still.ok).toBe(true);

    const off = await send(m, 'ingest:whip-disable', { sessionId: session.id });
    expect(off.ok && off.data.whip).toMatchObject({ enabled: false, token: null });
    expect((await whipRequest(url, { method: 'POST', token, body: whipOffer() })).status).toBe(404);
  });

  it('a publisher whose media never arrives (a dead ingest) leaves the stage and the input waits again; a new POST replaces an old one', { timeout: 60_000 }, async () => {
    setWhipConnectTimeout(1500);
    try {
      const { session, m, p } = await meetingWithModerator(as);
      await joinMedia(p, session.id);
      const statuses = collectEvents(m, 'ingest:whip-status');
      const opened = await send(m, 'ingest:whip-enable', { sessionId: session.id });
      if (!opened.ok) throw new Error(opened.error.message);
      const url = local(opened.data.whip.url!);
      const token = opened.data.whip.token!;
      const first = await whipRequest(url, { method: 'POST', token, body: whipOffer() });
      expect(first.status).toBe(201);
      // The mixer reconnects without a DELETE: the new publisher takes the stage, the old resource is gone.
      const leftFirst = nextEvent(p, 'media:peer-left', 10_000);
      const second = await whipRequest(url, { method: 'POST', token, body: whipOffer({ audioSsrc: 3001, videoSsrc: 4001, rtxSsrc: 4002 }) });
      expect(second.status).toBe(201);
      await leftFirst;
      expect((await whipRequest(new URL(first.headers.get('location')!, url).toString(), { method: 'DELETE', token })).status).toBe(404);
      // Nobody completes ICE/DTLS for it: it is taken off the stage and the staff are told why.
      const leftSecond = nextEvent(p, 'media:peer-left', 15_000);
      await statuses.until((s) => s.status.state === 'error' && s.status.error === 'no-media');
      await leftSecond;
      const view = await send(m, 'ingest:get', { sessionId: session.id });
      expect(view.ok && view.data.whip).toMatchObject({ enabled: true, status: { state: 'error', error: 'no-media' } });
      // And it takes the next publisher.
      expect((await whipRequest(url, { method: 'POST', token, body: whipOffer({ audioSsrc: 5001, videoSsrc: 6001, rtxSsrc: 6002 }) })).status).toBe(201);
      expect((await send(m, 'ingest:whip-disable', { sessionId: session.id })).ok).toBe(true);
    } finally {
      setWhipConnectTimeout(20_000);
    }
  });
});
