import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { endSession, endUserSessions, SessionEndedError, tokenUser } from '../../lib/auth/sessions';
import { authOptions } from '../../lib/auth/options';
import { deleteAuthSession } from '../../lib/db/queries/auth-sessions';
import { changeMember, removeMember } from '../../lib/services/members';
import { publishLiveCounts } from '../../lib/services/attendance-live';
import { addMember, connect, connectAs, createEventWithSession, createUser, nextEvent, send, signInAs, startTestServer, type TestSocket } from '../fixtures/server';

// The backstop re-check runs every second here (30 s by default), so a revocation that bypassed
// the live notice (a row deleted straight in the database) is seen quickly.
process.env.BALAI_SESSION_RECHECK_SECONDS = '1';

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

function disconnected(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** The handshake's answer for a cookie: connected, or the refusal's code. */
async function handshake(cookie: string): Promise<string> {
  const socket = track(connect(server, cookie));
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve((err as Error & { data?: { code?: string } }).data?.code ?? err.message));
  });
}

describe('signing out', () => {
  it('drops the session’s open socket at once and refuses its cookie everywhere after', async () => {
    const user = await createUser('Sam Signout');
    const socket = track(await connectAs(server, user));
    expect(await tokenUser({ sub: user.id, sid: user.sid })).toMatchObject({ id: user.id });

    const dropped = disconnected(socket);
    await endSession(user.sid);
    expect(await dropped).toBe('io server disconnect');

    expect(await handshake(user.cookie)).toBe('unauthenticated');
    // currentUser() and route handlers read the session through tokenUser; /api/auth/session through the jwt callback.
    expect(await tokenUser({ sub: user.id, sid: user.sid })).toBeUndefined();
    const jwt = authOptions().callbacks!.jwt!;
    await expect(jwt({ token: { sub: user.id, sid: user.sid }, user: undefined as never, account: null })).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('ends only that session: the same person on another device stays signed in', async () => {
    const user = await createUser('Two Devices');
    const laptop = { ...user };
    const phone = await signInAs(user.id, user.name);
    const phoneSocket = track(await connectAs(server, { ...user, ...phone }));
    await endSession(laptop.sid);
    expect(await handshake(laptop.cookie)).toBe('unauthenticated');
    expect(await handshake(phone.cookie)).toBe('connected');
    expect(phoneSocket.connected).toBe(true);
  });

  it('sign out everywhere drops every device of the person, and nobody else', async () => {
    const user = await createUser('Lost Phone');
    const bystander = await createUser('Bystander');
    const phone = await signInAs(user.id, user.name);
    const sockets = [await connectAs(server, user), await connectAs(server, { ...user, ...phone })].map(track);
    const other = track(await connectAs(server, bystander));
    const dropped = sockets.map(disconnected);
    await endUserSessions(user.id);
    expect(await Promise.all(dropped)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await handshake(user.cookie)).toBe('unauthenticated');
    expect(await handshake(phone.cookie)).toBe('unauthenticated');
    expect(await send(other, 'presence:join', { sessionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false });
    expect(other.connected).toBe(true);
  });

  it('the periodic re-check drops a socket whose session row is gone', async () => {
    const user = await createUser('Deleted Row');
    const socket = track(await connectAs(server, user));
    const dropped = disconnected(socket);
    // No live notice: only the re-check can find this.
    await deleteAuthSession(user.sid);
    expect(await dropped).toBe('io server disconnect');
  });
});

describe('roles changing under an open socket', () => {
  it('a demoted moderator stops receiving the live attendance dashboard at once', async () => {
    const organizer = await createUser('Olga Organizer');
    const moderator = await createUser('Mona Moderator');
    const participant = await createUser('Pia Participant');
    const { event, session } = await createEventWithSession(organizer);
    await addMember(event.id, moderator, 'moderator');
    await addMember(event.id, participant, 'participant');
    const orgSocket = track(await connectAs(server, organizer));
    const modSocket = track(await connectAs(server, moderator));
    expect(await send(orgSocket, 'attendance:watch', { eventId: event.id })).toMatchObject({ ok: true });
    expect(await send(modSocket, 'attendance:watch', { eventId: event.id })).toMatchObject({ ok: true });

    // While a moderator, the dashboard's updates reach them.
    const first = nextEvent(modSocket, 'attendance:changed');
    publishLiveCounts(event.id);
    await first;

    await changeMember(organizer.id, event.id, moderator.id, { role: 'participant', attendanceMode: 'remote' });
    const got: unknown[] = [];
    modSocket.on('attendance:changed', (c) => got.push(c));
    const atOrganizer = nextEvent(orgSocket, 'attendance:changed');
    const partSocket = track(await connectAs(server, participant));
    await send(partSocket, 'presence:join', { sessionId: session.id });
    publishLiveCounts(event.id);
    await atOrganizer;
    // The update went out in one emit to the room; anything for the demoted socket would precede this ack.
    await send(modSocket, 'attendance:unwatch', { eventId: event.id });
    expect(got).toEqual([]);
    expect(modSocket.connected).toBe(true);
  });

  it('a removed member’s sockets inside the event are disconnected; their sockets elsewhere stay', async () => {
    const organizer = await createUser('Olga Organizer');
    const member = await createUser('Rex Removed');
    const { event, session } = await createEventWithSession(organizer);
    const elsewhere = await createEventWithSession(organizer);
    await addMember(event.id, member, 'participant');
    await addMember(elsewhere.event.id, member, 'participant');
    const inside = track(await connectAs(server, member));
    const outside = track(await connectAs(server, member));
    expect(await send(inside, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });
    expect(await send(outside, 'presence:join', { sessionId: elsewhere.session.id })).toMatchObject({ ok: true });

    const dropped = disconnected(inside);
    await removeMember(organizer.id, event.id, member.id);
    expect(await dropped).toBe('io server disconnect');
    expect(outside.connected).toBe(true);
    // And back in, they are refused.
    const again = track(await connectAs(server, member));
    expect(await send(again, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('only an organizer may remove, and the last organizer stays', async () => {
    const organizer = await createUser('Olga Organizer');
    const moderator = await createUser('Mona Moderator');
    const { event } = await createEventWithSession(organizer);
    await addMember(event.id, moderator, 'moderator');
    await expect(removeMember(moderator.id, event.id, organizer.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeMember(organizer.id, event.id, organizer.id)).rejects.toMatchObject({ code: 'conflict' });
  });
});
