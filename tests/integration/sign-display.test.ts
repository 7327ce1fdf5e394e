import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import { signReceiversOf } from '../../server/interpretation/sign-receivers';
import { liveRoomsOfSession } from '../../server/sfu/rooms';
import { addMember, connected, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinWithTransport, opusParameters, vp8Parameters } from '../fixtures/media';

/**
 * The projector (a display link, no account) and the session's sign-language
 * interpreter: it may consume the signer's camera and nothing else; captions
 * reach it only while the organizer shows them there.
 */

const testServer = useTestServer();
const { as, sockets: open } = testServer;

const code = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error!.code);

async function projector(token: string): Promise<TestSocket> {
  const socket = connectClient(testServer.server.url, { path: '/socket.io', transports: ['websocket'], auth: { displayToken: token }, reconnection: false, forceNew: true }) as TestSocket;
  open.push(socket);
  await connected(socket);
  return socket;
}

async function signedSession() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  const signer = await createUser('Sinta Signer');
  const speaker = await createUser('Sam Speaker');
  const captioner = await createUser('Cara Captioner');
  for (const u of [signer, speaker, captioner]) await addMember(event.id, u, 'participant');
  const org = await as(organizer);
  const created = await send(org, 'display:create-link', { sessionId: session.id, label: 'Main hall' });
  if (!created.ok) throw new Error(created.error.code);
  const display = await projector(created.data.path.split('/').pop()!);
  expect(code(await send(display, 'display:join', {}))).toBe('ok');
  return { org, event, session, signer, speaker, captioner, display };
}

describe('the sign-language interpreter on the projector', () => {
  it('receives the signer’s camera only, follows the signer and their camera, and refuses everything else', async () => {
    const { org, session, signer, speaker, display } = await signedSession();
    // Not live yet: nothing to receive.
    expect(code(await send(display, 'display:sign-open', {}))).toBe('conflict');

    const speakerSocket = await as(speaker);
    const sp = await joinWithTransport(speakerSocket, session.id, 'send');
    const speakerCam = await send(speakerSocket, 'media:produce', { transportId: sp.transportId, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(31), paused: false });
    expect(code(speakerCam)).toBe('ok');
    expect(code(await send(speakerSocket, 'media:produce', { transportId: sp.transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(32), paused: false }))).toBe('ok');

    const opened = await send(display, 'display:sign-open', {});
    if (!opened.ok) throw new Error(opened.error.code);
    const caps = opened.data.routerRtpCapabilities;
    // No signer marked: nothing, though a camera is on.
    expect(await send(display, 'display:sign-watch', { rtpCapabilities: caps })).toMatchObject({ ok: true, data: { signer: null } });

    // Marking the signer tells the projector; before their camera is on there is still nothing.
    const marked = nextEvent(display, 'display:sign-changed');
    expect(code(await send(org, 'interpretation:set-sign-interpreter', { sessionId: session.id, userId: signer.id }))).toBe('ok');
    await marked;
    expect(await send(display, 'display:sign-watch', { rtpCapabilities: caps })).toMatchObject({ ok: true, data: { signer: null } });

    // The signer's camera starts: the projector is told, and receives exactly that producer, as video.
    const signerSocket = await as(signer);
    const sg = await joinWithTransport(signerSocket, session.id, 'send');
    const started = nextEvent(display, 'display:sign-changed');
    const cam = await send(signerSocket, 'media:produce', { transportId: sg.transportId, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(41), paused: false });
    if (!cam.ok) throw new Error(cam.error.code);
    await started;
    const watched = await send(display, 'display:sign-watch', { rtpCapabilities: caps });
    if (!watched.ok || !watched.data.signer) throw new Error('no signer');
    expect(watched.data.signer).toMatchObject({ name: 'Sinta Signer', producerId: cam.data.producerId, kind: 'video' });
    expect(code(await send(display, 'display:sign-resume', { consumerId: 'someone-else' }))).toBe('not_found');
    expect(code(await send(display, 'display:sign-resume', { consumerId: watched.data.signer.consumerId }))).toBe('ok');
    const [room] = liveRoomsOfSession(session.id);
    const receivers = signReceiversOf(room!);
    expect(receivers).toHaveLength(1);
    expect(receivers[0]!.consumer?.producerId).toBe(cam.data.producerId);
    expect(receivers[0]!.consumer?.paused).toBe(false);
    // Watching again replaces the consumer: a projector never holds more than one.
    const again = await send(display, 'display:sign-watch', { rtpCapabilities: caps });
    expect(again.ok && again.data.signer?.consumerId).not.toBe(watched.data.signer.consumerId);
    expect(receivers[0]!.consumer?.id).toBe(again.ok ? again.data.signer?.consumerId : undefined);

    // Anything else of the room stays out of reach: the display link acts as no person.
    expect(code(await send(display, 'media:consume', { producerId: speakerCam.ok ? speakerCam.data.producerId : '' }))).toBe('forbidden');
    expect(code(await send(display, 'media:join', { sessionId: session.id, hall: false }))).toBe('forbidden');
    expect(code(await send(display, 'interpretation:receive', { sessionId: session.id }))).toBe('forbidden');
    // Bad payloads get the contract's error ack.
    expect(code(await send(display, 'display:sign-watch', { rtpCapabilities: { codecs: 'x' } }))).toBe('invalid_payload');
    expect(code(await send(display, 'display:sign-connect', { dtlsParameters: { fingerprints: [] } }))).toBe('invalid_payload');
    expect(code(await send(display, 'display:sign-resume', {}))).toBe('invalid_payload');
    // A person's socket cannot use the projector's requests.
    expect(code(await send(speakerSocket, 'display:sign-open', {}))).toBe('forbidden');

    // The camera stops: the projector is told, and there is nothing to watch.
    const stopped = nextEvent(display, 'display:sign-changed');
    expect(code(await send(signerSocket, 'media:close-producer', { producerId: cam.data.producerId }))).toBe('ok');
    await stopped;
    expect(await send(display, 'display:sign-watch', { rtpCapabilities: caps })).toMatchObject({ ok: true, data: { signer: null } });

    // Clearing the signer tells the projector too; only organizers and moderators may do either.
    expect(code(await send(speakerSocket, 'interpretation:set-sign-interpreter', { sessionId: session.id, userId: speaker.id }))).toBe('forbidden');
    const cleared = nextEvent(display, 'display:sign-changed');
    expect(code(await send(org, 'interpretation:set-sign-interpreter', { sessionId: session.id, userId: null }))).toBe('ok');
    await cleared;

    // The projector goes: its transport closes.
    display.disconnect();
    await expect.poll(() => signReceiversOf(room!).length).toBe(0);
  });

  it('a projector of another session never receives this session’s signer', async () => {
    const first = await signedSession();
    const second = await signedSession();
    expect(code(await send(first.org, 'interpretation:set-sign-interpreter', { sessionId: first.session.id, userId: first.signer.id }))).toBe('ok');
    const signerSocket = await as(first.signer);
    const sg = await joinWithTransport(signerSocket, first.session.id, 'send');
    expect(code(await send(signerSocket, 'media:produce', { transportId: sg.transportId, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(51), paused: false }))).toBe('ok');
    // The second projector's session is not live: its link reaches no other session's room.
    expect(code(await send(second.display, 'display:sign-open', {}))).toBe('conflict');
    expect(code(await send(first.display, 'display:sign-open', {}))).toBe('ok');
  });
});

describe('captions on the projector', () => {
  it('reach the projector only while the organizer shows them there, with the recent lines when turned on', async () => {
    const { org, session, captioner, display, speaker } = await signedSession();
    expect(code(await send(org, 'captions:assign', { sessionId: session.id, userId: captioner.id, assigned: true }))).toBe('ok');
    const cart = await as(captioner);
    const lines: string[] = [];
    display.on('captions:line', (l: { text: string }) => lines.push(l.text));

    const first = randomUUID();
    expect(code(await send(cart, 'captions:send', { sessionId: session.id, lineId: first, text: 'Before the projector', language: 'en', final: true }))).toBe('ok');
    // Only organizers and moderators switch it.
    const speakerSocket = await as(speaker);
    expect(code(await send(speakerSocket, 'captions:set-display', { sessionId: session.id, onDisplay: true }))).toBe('forbidden');
    // Turning it on is the barrier: a line sent before would have arrived before this notice.
    const on = nextEvent(display, 'captions:display-changed');
    expect(code(await send(org, 'captions:set-display', { sessionId: session.id, onDisplay: true }))).toBe('ok');
    const shown = await on;
    expect(lines).toEqual([]);
    expect(shown).toMatchObject({ sessionId: session.id, onDisplay: true });
    expect(shown.lines.map((l) => l.text)).toEqual(['Before the projector']);

    const live = nextEvent(display, 'captions:line');
    expect(code(await send(cart, 'captions:send', { sessionId: session.id, lineId: randomUUID(), text: 'On the projector', language: 'en', final: true }))).toBe('ok');
    expect((await live).text).toBe('On the projector');

    const off = nextEvent(display, 'captions:display-changed');
    expect(code(await send(org, 'captions:set-display', { sessionId: session.id, onDisplay: false }))).toBe('ok');
    expect(await off).toMatchObject({ onDisplay: false, lines: [] });
    const count = lines.length;
    expect(code(await send(cart, 'captions:send', { sessionId: session.id, lineId: randomUUID(), text: 'After', language: 'en', final: true }))).toBe('ok');
    // Barrier: turning it on again sends the notice after anything sent before.
    const onAgain = nextEvent(display, 'captions:display-changed');
    expect(code(await send(org, 'captions:set-display', { sessionId: session.id, onDisplay: true }))).toBe('ok');
    await onAgain;
    expect(lines.length).toBe(count);
  });
});
