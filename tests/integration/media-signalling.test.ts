import { describe, expect, it } from 'vitest';
import { workerCount } from '../../server/sfu/worker-pool';
import { livePeerOf, moveUserToLiveRoom, registerLiveRoomResolver } from '../../server/sfu/rooms';
import { setPeersPerRouter } from '../../server/sfu/live-room';
import { addMember, createEventWithSession, createUser, nextEvent, send } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia, joinWithTransport, opusParameters, serverProducer, vp8Parameters } from '../fixtures/media';

// Two workers whatever the machine, so spreading a room over workers is exercised too.
const testServer = useTestServer();
const { as } = testServer;

process.env.MEDIASOUP_WORKERS = '2';

async function webinar() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'webinar');
  const participant = await createUser('Participant');
  const presenter = await createUser('Presenter');
  const moderator = await createUser('Moderator');
  await addMember(event.id, participant, 'participant');
  await addMember(event.id, presenter, 'presenter');
  await addMember(event.id, moderator, 'moderator');
  return { organizer, event, session, participant, presenter, moderator };
}

describe('mediasoup workers', () => {
  it('start with the server (no Next.js needed)', () => {
    expect(workerCount()).toBeGreaterThanOrEqual(1);
  });
});

describe('payload validation', () => {
  it.each([
    ['media:join', 'a bad session id', { sessionId: 'nope' }],
    ['media:create-transport', 'an unknown direction', { direction: 'sideways' }],
    ['media:connect-transport', 'no DTLS fingerprint', { transportId: 'x', dtlsParameters: { fingerprints: [] } }],
    ['media:connect-transport', 'an md5 fingerprint', { transportId: 'x', dtlsParameters: { fingerprints: [{ algorithm: 'md5', value: 'aa' }] } }],
    ['media:produce', 'audio parameters labelled camera', { transportId: 'x', kind: 'audio', source: 'camera', rtpParameters: opusParameters() }],
    ['media:produce', 'no codecs or encodings', { transportId: 'x', kind: 'video', source: 'camera', rtpParameters: { codecs: [], encodings: [] } }],
    ['media:produce', 'a 30 kB blob', { transportId: 'x', kind: 'video', source: 'camera', rtpParameters: { ...vp8Parameters(), rtcp: { cname: 'x'.repeat(30_000) } } }],
    ['media:set-capabilities', 'codecs that are not a list', { rtpCapabilities: { codecs: 'all' } }],
    ['media:set-preferred-layers', 'a fourth spatial layer', { consumerId: 'c', spatialLayer: 7 }],
    ['media:update-settings', 'an empty patch', {}],
    ['chat:send', 'a client id that is not a uuid', { sessionId: crypto.randomUUID(), clientId: 'not-a-uuid', body: 'hi' }],
  ] as const)('%s rejects %s with invalid_payload', async (name, _label, payload) => {
    const s = await as(await createUser());
    const ack = await send(s, name, payload);
    expect(ack).toEqual({ ok: false, error: { code: 'invalid_payload', message: expect.any(String) } });
  });

  it('refuses media requests before joining a live room', async () => {
    const s = await as(await createUser());
    const ack = await send(s, 'media:create-transport', { direction: 'send' });
    expect(ack.ok ? null : ack.error.code).toBe('conflict');
  });
});

describe('joining', () => {
  it('refuses people who are not members of the event', async () => {
    const { session } = await webinar();
    const outsider = await as(await createUser('Outsider'));
    const ack = await send(outsider, 'media:join', { sessionId: session.id });
    expect(ack.ok ? null : ack.error.code).toBe('forbidden');
  });

  it('lets only organizers and moderators join as the hall device', async () => {
    const { session, participant, moderator } = await webinar();
    const p = await as(participant);
    const ack = await send(p, 'media:join', { sessionId: session.id, hall: true });
    expect(ack.ok ? null : ack.error.code).toBe('forbidden');
    const m = await as(moderator);
    const joined = await joinMedia(m, session.id, true);
    expect(joined.grants.camera).toBe(true);
  });

  it('puts the socket in the room the server picks and tells the others', async () => {
    const { session, participant, presenter } = await webinar();
    const a = await as(presenter);
    const joinedA = await joinMedia(a, session.id);
    expect(joinedA.roomKey).toBe(`main:${session.id}`);
    const b = await as(participant);
    const seen = nextEvent(a, 'media:peer-joined');
    const joinedB = await joinMedia(b, session.id);
    expect((await seen).peer.name).toBe('Participant');
    expect(joinedB.peers.map((p) => p.name)).toEqual(['Presenter']);
    expect(joinedB.grants).toEqual({ camera: false, microphone: false, screen: false, moderate: false });
  });
});

describe('publishing permissions', () => {
  it('refuses a participant producing in a webinar: forbidden, and no producer exists', async () => {
    const { session, participant } = await webinar();
    const s = await as(participant);
    const { transportId } = await joinWithTransport(s, session.id, 'send');
    for (const [kind, source, rtpParameters] of [
      ['audio', 'microphone', opusParameters()],
      ['video', 'screen', vp8Parameters()],
    ] as const) {
      const ack = await send(s, 'media:produce', { transportId, kind, source, rtpParameters });
      expect(ack.ok ? null : ack.error.code).toBe('forbidden');
    }
    expect(livePeerOf(s.id!)?.peer.producers.size).toBe(0);
  });

  it('lets a participant send camera and microphone in a meeting, but not a screen until a moderator opens it', async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const participant = await createUser('Meeting participant');
    await addMember(event.id, participant, 'participant');
    const p = await as(participant);
    const { transportId } = await joinWithTransport(p, session.id, 'send');
    const mic = await send(p, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    expect(mic.ok).toBe(true);
    const screen = await send(p, 'media:produce', { transportId, kind: 'video', source: 'screen', rtpParameters: vp8Parameters() });
    expect(screen.ok ? null : screen.error.code).toBe('forbidden');

    const o = await as(organizer);
    await joinMedia(o, session.id);
    const grants = nextEvent(p, 'media:grants-changed');
    const opened = await send(o, 'media:update-settings', { screenShareOpen: true });
    expect(opened).toEqual({ ok: true, data: { locked: false, screenShareOpen: true, breakoutMicOn: false } });
    expect((await grants).screen).toBe(true);
    const again = await send(p, 'media:produce', { transportId, kind: 'video', source: 'screen', rtpParameters: vp8Parameters(333) });
    expect(again.ok).toBe(true);
  });

  it('re-reads the role: a presenter demoted to participant can no longer publish', async () => {
    const { event, session, presenter } = await webinar();
    const s = await as(presenter);
    const { transportId } = await joinWithTransport(s, session.id, 'send');
    await addMember(event.id, presenter, 'participant');
    const ack = await send(s, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    expect(ack.ok ? null : ack.error.code).toBe('forbidden');
  });

  it('closes a participant’s microphone when an organizer turns the meeting into a webinar', async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const participant = await createUser('Speaker from the floor');
    await addMember(event.id, participant, 'participant');
    const p = await as(participant);
    const { transportId } = await joinWithTransport(p, session.id, 'send');
    const mic = await send(p, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    if (!mic.ok) throw new Error(mic.error.message);
    const o = await as(organizer);
    const closed = nextEvent(p, 'media:own-producer-closed');
    const grants = nextEvent(p, 'media:grants-changed');
    expect((await send(o, 'session:update', { sessionId: session.id, patch: { liveMode: 'webinar' } })).ok).toBe(true);
    expect(await closed).toEqual({ producerId: mic.data.producerId, reason: 'permission' });
    expect((await grants).microphone).toBe(false);
    expect(livePeerOf(p.id!)?.peer.producers.size).toBe(0);
  });

  it('lets a moderator invite a participant to the stage, who may then publish', async () => {
    const { session, participant, moderator } = await webinar();
    const m = await as(moderator);
    await joinMedia(m, session.id);
    const p = await as(participant);
    const { transportId } = await joinWithTransport(p, session.id, 'send');
    const granted = nextEvent(p, 'media:grants-changed');
    expect((await send(m, 'media:set-stage', { userId: participant.id, onStage: true })).ok).toBe(true);
    expect((await granted).microphone).toBe(true);
    const ack = await send(p, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    expect(ack.ok).toBe(true);
  });
});

describe('consuming', () => {
  it('delivers a producer of the same room and refuses one from another room', async () => {
    const a = await webinar();
    const b = await webinar();
    const presenter = await as(a.presenter);
    const { transportId } = await joinWithTransport(presenter, a.session.id, 'send');
    const viewer = await as(a.participant);
    await joinWithTransport(viewer, a.session.id, 'recv');
    const announced = nextEvent(viewer, 'media:producer-added');
    const produced = await send(presenter, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    if (!produced.ok) throw new Error(produced.error.message);
    expect(await announced).toMatchObject({ producerId: produced.data.producerId, source: 'microphone', paused: false });

    const consumed = await send(viewer, 'media:consume', { producerId: produced.data.producerId });
    expect(consumed.ok && consumed.data.kind).toBe('audio');

    const stranger = await as(b.participant);
    await joinWithTransport(stranger, b.session.id, 'recv');
    const refused = await send(stranger, 'media:consume', { producerId: produced.data.producerId });
    expect(refused.ok ? null : refused.error.code).toBe('not_found');
    expect(livePeerOf(stranger.id!)?.peer.consumers.size).toBe(0);
  });
});

describe('receiving', () => {
  it('pauses and resumes a consumer (listen-only), sets layers, and refuses ids that are not the caller’s', async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const alice = await createUser('Alice');
    const bob = await createUser('Bob');
    await addMember(event.id, alice, 'participant');
    await addMember(event.id, bob, 'participant');
    const a = await as(alice);
    const { transportId } = await joinWithTransport(a, session.id, 'send');
    const cam = await send(a, 'media:produce', { transportId, kind: 'video', source: 'camera', rtpParameters: vp8Parameters() });
    if (!cam.ok) throw new Error(cam.error.message);
    const b = await as(bob);
    await joinWithTransport(b, session.id, 'recv');
    const consumed = await send(b, 'media:consume', { producerId: cam.data.producerId });
    if (!consumed.ok) throw new Error(consumed.error.message);
    const consumer = livePeerOf(b.id!)!.peer.consumers.get(consumed.data.consumerId)!;
    expect(consumer.paused).toBe(true); // created paused until the browser is ready
    expect((await send(b, 'media:resume-consumer', { consumerId: consumer.id })).ok).toBe(true);
    expect(consumer.paused).toBe(false);
    expect((await send(b, 'media:pause-consumer', { consumerId: consumer.id })).ok).toBe(true);
    expect(consumer.paused).toBe(true);
    expect((await send(b, 'media:set-preferred-layers', { consumerId: consumer.id, spatialLayer: 0 })).ok).toBe(true);

    // Alice cannot touch Bob's consumer, nor Bob Alice's producer.
    const foreign = await send(a, 'media:resume-consumer', { consumerId: consumer.id });
    expect(foreign.ok ? null : foreign.error.code).toBe('not_found');
    const hijack = await send(b, 'media:close-producer', { producerId: cam.data.producerId });
    expect(hijack.ok ? null : hijack.error.code).toBe('not_found');
    expect(serverProducer(a.id!, cam.data.producerId)?.closed).toBe(false);
    const own = await send(a, 'media:consume', { producerId: cam.data.producerId });
    expect(own.ok ? null : own.error.code).toBe('conflict'); // nobody receives their own stream

    // A stream that has closed (its sender left as the tile asked for a layer) is not_found, never internal.
    consumer.close();
    for (const [event, payload] of [
      ['media:set-preferred-layers', { consumerId: consumer.id, spatialLayer: 0 }],
      ['media:pause-consumer', { consumerId: consumer.id }],
      ['media:resume-consumer', { consumerId: consumer.id }],
    ] as const) {
      const late = await send(b, event, payload);
      expect(late.ok ? null : late.error.code, event).toBe('not_found');
    }
  });
});

describe('simulcast', () => {
  it('starts a viewer on the middle layer and follows the layer the tile asks for', async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const alice = await createUser('Alice');
    const bob = await createUser('Bob');
    await addMember(event.id, alice, 'participant');
    await addMember(event.id, bob, 'participant');
    const a = await as(alice);
    const { transportId } = await joinWithTransport(a, session.id, 'send');
    const simulcast = { ...vp8Parameters(), encodings: [{ ssrc: 1001 }, { ssrc: 1002 }, { ssrc: 1003 }] };
    const cam = await send(a, 'media:produce', { transportId, kind: 'video', source: 'camera', rtpParameters: simulcast });
    if (!cam.ok) throw new Error(cam.error.message);
    const b = await as(bob);
    await joinWithTransport(b, session.id, 'recv');
    const consumed = await send(b, 'media:consume', { producerId: cam.data.producerId });
    if (!consumed.ok) throw new Error(consumed.error.message);
    const consumer = livePeerOf(b.id!)!.peer.consumers.get(consumed.data.consumerId)!;
    expect(consumer.type).toBe('simulcast');
    expect(consumer.preferredLayers?.spatialLayer).toBe(1);
    expect((await send(b, 'media:set-preferred-layers', { consumerId: consumer.id, spatialLayer: 2 })).ok).toBe(true);
    expect(consumer.preferredLayers?.spatialLayer).toBe(2);
    expect((await send(b, 'media:set-preferred-layers', { consumerId: consumer.id, spatialLayer: 0 })).ok).toBe(true);
    expect(consumer.preferredLayers?.spatialLayer).toBe(0);
  });
});

describe('a room bigger than one router', () => {
  it('opens another router (on another worker when there is one) and pipes producers across', async () => {
    setPeersPerRouter(1);
    try {
      const { session, presenter, participant, moderator } = await webinar();
      const speaker = await as(presenter);
      const { transportId } = await joinWithTransport(speaker, session.id, 'send');
      const viewer = await as(participant);
      await joinWithTransport(viewer, session.id, 'recv');
      const second = await as(moderator);
      await joinWithTransport(second, session.id, 'recv');
      const speakerRouter = livePeerOf(speaker.id!)!.peer.router;
      const viewerRouter = livePeerOf(viewer.id!)!.peer.router;
      expect(viewerRouter.id).not.toBe(speakerRouter.id);
      // Two workers: the third peer shares a router again (mediasoup pipes only across workers).
      expect(livePeerOf(viewer.id!)!.room.routerCount).toBe(2);
      expect(livePeerOf(second.id!)!.peer.router.id).toBe(speakerRouter.id);

      const produced = await send(speaker, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
      if (!produced.ok) throw new Error(produced.error.message);
      for (const s of [viewer, second]) {
        const consumed = await send(s, 'media:consume', { producerId: produced.data.producerId });
        expect(consumed.ok && consumed.data.producerId).toBe(produced.data.producerId);
      }
      // Pausing the original pauses what the other routers forward.
      const m = await send(second, 'media:mute-peer', { peerId: livePeerOf(speaker.id!)!.peer.peerId });
      expect(m.ok).toBe(true);
      const consumer = [...livePeerOf(viewer.id!)!.peer.consumers.values()][0]!;
      await expect.poll(() => consumer.producerPaused).toBe(true);
    } finally {
      setPeersPerRouter(150);
    }
  });
});

describe('moderation', () => {
  it('a moderator mute pauses the producer on the server and tells the participant and the room', async () => {
    const { session, presenter, moderator, participant } = await webinar();
    const speaker = await as(presenter);
    const { transportId, joined } = await joinWithTransport(speaker, session.id, 'send');
    const produced = await send(speaker, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    if (!produced.ok) throw new Error(produced.error.message);
    const viewer = await as(participant);
    await joinMedia(viewer, session.id);
    const m = await as(moderator);
    await joinMedia(m, session.id);

    const notRefused = await send(viewer, 'media:mute-peer', { peerId: joined.peerId });
    expect(notRefused.ok ? null : notRefused.error.code).toBe('forbidden');
    expect(serverProducer(speaker.id!, produced.data.producerId)?.paused).toBe(false);

    const told = nextEvent(speaker, 'media:muted');
    const seen = nextEvent(viewer, 'media:producer-paused');
    expect((await send(m, 'media:mute-peer', { peerId: joined.peerId })).ok).toBe(true);
    expect(await told).toEqual({ producerId: produced.data.producerId });
    expect(await seen).toEqual({ producerId: produced.data.producerId, paused: true });
    expect(serverProducer(speaker.id!, produced.data.producerId)?.paused).toBe(true);
  });

  it('a moderator stops a screen share and removes a person, who cannot come back', async () => {
    const { session, presenter, moderator } = await webinar();
    const s = await as(presenter);
    const { transportId, joined } = await joinWithTransport(s, session.id, 'send');
    const screen = await send(s, 'media:produce', { transportId, kind: 'video', source: 'screen', rtpParameters: vp8Parameters() });
    if (!screen.ok) throw new Error(screen.error.message);
    const m = await as(moderator);
    await joinMedia(m, session.id);
    const stopped = nextEvent(s, 'media:own-producer-closed');
    const closedForRoom = nextEvent(m, 'media:producer-closed');
    expect((await send(m, 'media:stop-screen', { peerId: joined.peerId })).ok).toBe(true);
    expect(await stopped).toEqual({ producerId: screen.data.producerId, reason: 'moderator' });
    expect(await closedForRoom).toEqual({ producerId: screen.data.producerId });

    const left = nextEvent(s, 'media:room-left');
    expect((await send(m, 'media:remove-peer', { peerId: joined.peerId })).ok).toBe(true);
    expect(await left).toEqual({ reason: 'removed', roomKey: null });
    const back = await send(s, 'media:join', { sessionId: session.id });
    expect(back.ok ? null : back.error.code).toBe('forbidden');
  });

  it('a locked room keeps new participants out but lets the stage in', async () => {
    const { session, moderator, participant, presenter } = await webinar();
    const m = await as(moderator);
    await joinMedia(m, session.id);
    expect((await send(m, 'media:update-settings', { locked: true })).ok).toBe(true);
    const p = await as(participant);
    const refused = await send(p, 'media:join', { sessionId: session.id });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    const stage = await as(presenter);
    expect((await send(stage, 'media:join', { sessionId: session.id })).ok).toBe(true);
    const notMod = await send(stage, 'media:update-settings', { locked: false });
    expect(notMod.ok ? null : notMod.error.code).toBe('forbidden');
  });
});

describe('live room resolver and moves', () => {
  it('moves a peer to the room a resolver picks and tells the browser to join again', async () => {
    const { session, participant, presenter } = await webinar();
    let inBreakout = false;
    const unregister = registerLiveRoomResolver(async (userId, sessionId) =>
      inBreakout && userId === participant.id && sessionId === session.id ? { key: `breakout:test-${session.id}`, open: true } : null,
    );
    try {
      const stage = await as(presenter);
      await joinMedia(stage, session.id);
      const p = await as(participant);
      expect((await joinMedia(p, session.id)).roomKey).toBe(`main:${session.id}`);
      inBreakout = true;
      const told = nextEvent(p, 'media:room-left');
      const gone = nextEvent(stage, 'media:peer-left');
      expect(await moveUserToLiveRoom(session.id, participant.id)).toBe(1);
      expect(await told).toEqual({ reason: 'moved', roomKey: `breakout:test-${session.id}` });
      await gone;
      const rejoined = await joinMedia(p, session.id);
      expect(rejoined.roomKey).toBe(`breakout:test-${session.id}`);
      expect(rejoined.peers).toEqual([]);
      // An open room lets everyone publish, even in a webinar session.
      expect(rejoined.grants.microphone).toBe(true);
    } finally {
      unregister();
    }
  });
});
