import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { sessions } from '../../lib/db/schema';
import {
  addMember,
  connect,
  connectAs,
  connected,
  createEventWithSession,
  createUser,
  nextEvent,
  send,
  startTestServer,
  type TestSocket,
} from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];
const track = (s: TestSocket) => (sockets.push(s), s);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

describe('handshake', () => {
  it('refuses a connection without a session cookie', async () => {
    const socket = track(connect(server));
    const err = await connected(socket).then(
      () => null,
      (e: Error & { data?: { code: string } }) => e,
    );
    expect(err?.message).toBe('unauthenticated');
    expect(err?.data?.code).toBe('unauthenticated');
  });

  it('refuses a forged session cookie', async () => {
    const socket = track(connect(server, 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged'));
    await expect(connected(socket)).rejects.toThrow('unauthenticated');
  });

  it('refuses a foreign Origin even with a valid cookie', async () => {
    const user = await createUser('Origin Tester');
    const socket = track(connect(server, user.cookie, { origin: 'https://evil.example' }));
    await expect(connected(socket)).rejects.toThrow();
    expect(socket.connected).toBe(false);
  });

  it('accepts a valid session cookie from our own origin', async () => {
    const user = await createUser('Valid');
    const socket = track(connect(server, user.cookie, { origin: server.url }));
    await connected(socket);
    expect(socket.connected).toBe(true);
  });
});

describe('request validation', () => {
  it.each([
    ['no payload', undefined],
    ['a string', 'hello'],
    ['a bad uuid', { sessionId: 'not-a-uuid' }],
    ['an array', [1, 2, 3]],
  ])('answers %s with invalid_payload and stays connected', async (_label, payload) => {
    const user = await createUser();
    const socket = track(await connectAs(server, user));
    const ack = await send(socket, 'presence:join', payload);
    expect(ack).toEqual({ ok: false, error: { code: 'invalid_payload', message: expect.any(String) } });
    expect(socket.connected).toBe(true);
  });

  it('tells a client that sent no ack callback, instead of dropping the request', async () => {
    const user = await createUser();
    const socket = track(await connectAs(server, user));
    const rejected = nextEvent(socket, 'request:rejected');
    (socket.emit as (n: string, p: unknown) => void)('presence:join', { sessionId: 'x' });
    expect(await rejected).toMatchObject({ event: 'presence:join', code: 'invalid_payload' });
  });
});

describe('permissions', () => {
  it('a participant calling an organizer-only action gets forbidden and nothing changes', async () => {
    const organizer = await createUser('Org');
    const participant = await createUser('Part');
    const { event, session } = await createEventWithSession(organizer);
    await addMember(event.id, participant, 'participant');
    const socket = track(await connectAs(server, participant));

    const ack = await send(socket, 'session:update', { sessionId: session.id, patch: { title: 'Hijacked' } });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const [row] = await (await db()).select().from(sessions).where(eq(sessions.id, session.id));
    expect(row?.title).toBe('Opening plenary');
  });

  it('the organizer may update a session and everyone in it is told', async () => {
    const organizer = await createUser('Org');
    const participant = await createUser('Part');
    const { event, session } = await createEventWithSession(organizer);
    await addMember(event.id, participant, 'participant');
    const orgSocket = track(await connectAs(server, organizer));
    const partSocket = track(await connectAs(server, participant));
    expect((await send(partSocket, 'presence:join', { sessionId: session.id })).ok).toBe(true);

    const told = nextEvent(partSocket, 'session:updated');
    const ack = await send(orgSocket, 'session:update', { sessionId: session.id, patch: { title: 'Opening plenary (moved to Hall B)' } });
    expect(ack).toMatchObject({ ok: true, data: { title: 'Opening plenary (moved to Hall B)' } });
    expect((await told).title).toBe('Opening plenary (moved to Hall B)');
  });

  it('a non-member cannot join a session of the event', async () => {
    const organizer = await createUser('Org');
    const stranger = await createUser('Stranger');
    const { session } = await createEventWithSession(organizer);
    const socket = track(await connectAs(server, stranger));
    const ack = await send(socket, 'presence:join', { sessionId: session.id });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('an unknown session is not_found', async () => {
    const user = await createUser();
    const socket = track(await connectAs(server, user));
    const ack = await send(socket, 'presence:join', { sessionId: '00000000-0000-4000-8000-000000000000' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('presence', () => {
  it('shows who is here with role, attendance mode and country, and who leaves', async () => {
    const organizer = await createUser('Siti');
    const remote = await createUser('Tenzin');
    const { event, session } = await createEventWithSession(organizer);
    await addMember(event.id, organizer, 'organizer', 'in_person', 'ID');
    await addMember(event.id, remote, 'participant', 'remote', 'NP');

    const a = track(await connectAs(server, organizer));
    const first = await send(a, 'presence:join', { sessionId: session.id });
    expect(first.ok && first.data.peers.map((p) => p.name)).toEqual(['Siti']);

    const joined = nextEvent(a, 'presence:joined');
    const b = track(await connectAs(server, remote));
    const second = await send(b, 'presence:join', { sessionId: session.id });
    expect(second.ok && second.data.peers).toEqual([
      expect.objectContaining({ name: 'Siti', role: 'organizer', attendanceMode: 'in_person', country: 'ID' }),
      expect.objectContaining({ name: 'Tenzin', role: 'participant', attendanceMode: 'remote', country: 'NP' }),
    ]);
    expect((await joined).peer).toMatchObject({ userId: remote.id, country: 'NP' });

    const left = nextEvent(a, 'presence:left');
    b.disconnect();
    expect(await left).toEqual({ sessionId: session.id, userId: remote.id });
  });

  it('counts a person with two tabs once, and keeps them until the last tab closes', async () => {
    const organizer = await createUser('Org');
    const twoTabs = await createUser('Two Tabs');
    const { event, session } = await createEventWithSession(organizer);
    await addMember(event.id, twoTabs, 'participant');
    const watcher = track(await connectAs(server, organizer));
    await send(watcher, 'presence:join', { sessionId: session.id });

    const tab1 = track(await connectAs(server, twoTabs));
    const tab2 = track(await connectAs(server, twoTabs));
    await send(tab1, 'presence:join', { sessionId: session.id });
    const snapshot = await send(tab2, 'presence:join', { sessionId: session.id });
    expect(snapshot.ok && snapshot.data.peers.filter((p) => p.userId === twoTabs.id)).toHaveLength(1);

    let leftEarly = false;
    watcher.on('presence:left', () => (leftEarly = true));
    tab1.disconnect();
    const again = await send(watcher, 'presence:join', { sessionId: session.id });
    expect(again.ok && again.data.peers.some((p) => p.userId === twoTabs.id)).toBe(true);
    expect(leftEarly).toBe(false);
  });
});
