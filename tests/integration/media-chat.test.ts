import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, send, startTestServer, type TestSocket, type TestUser } from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];
const as = async (user: TestUser, sessionId?: string) => {
  const s = await connectAs(server, user);
  sockets.push(s);
  // Chat notices go to the session's room, entered through presence:join.
  if (sessionId) expect((await send(s, 'presence:join', { sessionId })).ok).toBe(true);
  return s;
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

async function setup() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'webinar');
  const alice = await createUser('Alice');
  const bob = await createUser('Bob');
  const moderator = await createUser('Moderator');
  await addMember(event.id, alice, 'participant');
  await addMember(event.id, bob, 'participant');
  await addMember(event.id, moderator, 'moderator');
  return { session, alice, bob, moderator };
}

describe('session chat', () => {
  it('persists a message, broadcasts it to the session, and a retry with the same id posts once', async () => {
    const { session, alice, bob } = await setup();
    const a = await as(alice, session.id);
    const b = await as(bob, session.id);
    const clientId = randomUUID();
    const seen = nextEvent(b, 'chat:posted');
    const first = await send(a, 'chat:send', { sessionId: session.id, clientId, body: '  Selamat pagi!  ' });
    expect(first.ok && first.data.body).toBe('Selamat pagi!');
    expect((await seen).body).toBe('Selamat pagi!');
    const retry = await send(a, 'chat:send', { sessionId: session.id, clientId, body: 'Selamat pagi!' });
    expect(retry.ok && first.ok && retry.data.id === first.data.id).toBe(true);

    // A late joiner (or a reconnect) reads it from the database.
    const history = await send(await as(bob), 'chat:history', { sessionId: session.id });
    expect(history.ok && history.data.messages.map((m) => m.body)).toEqual(['Selamat pagi!']);
    expect(history.ok && history.data.canModerate).toBe(false);
  });

  it('refuses outsiders, and bad payloads', async () => {
    const { session } = await setup();
    const outsider = await as(await createUser('Outsider'));
    const post = await send(outsider, 'chat:send', { sessionId: session.id, clientId: randomUUID(), body: 'hello' });
    expect(post.ok ? null : post.error.code).toBe('forbidden');
    const read = await send(outsider, 'chat:history', { sessionId: session.id });
    expect(read.ok ? null : read.error.code).toBe('forbidden');
    const empty = await send(outsider, 'chat:send', { sessionId: session.id, clientId: randomUUID(), body: '   ' });
    expect(empty.ok ? null : empty.error.code).toBe('invalid_payload');
    const long = await send(outsider, 'chat:send', { sessionId: session.id, clientId: randomUUID(), body: 'x'.repeat(1001) });
    expect(long.ok ? null : long.error.code).toBe('invalid_payload');
  });

  it('only a moderator deletes a message; everyone is told and it leaves the history', async () => {
    const { session, alice, bob, moderator } = await setup();
    const a = await as(alice, session.id);
    const b = await as(bob, session.id);
    const m = await as(moderator, session.id);
    const posted = await send(a, 'chat:send', { sessionId: session.id, clientId: randomUUID(), body: 'spam' });
    if (!posted.ok) throw new Error(posted.error.message);

    const refused = await send(b, 'chat:delete', { messageId: posted.data.id });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    const own = await send(a, 'chat:delete', { messageId: posted.data.id });
    expect(own.ok ? null : own.error.code).toBe('forbidden');
    const still = await send(b, 'chat:history', { sessionId: session.id });
    expect(still.ok && still.data.messages).toHaveLength(1);

    const told = nextEvent(b, 'chat:deleted');
    expect(await send(m, 'chat:delete', { messageId: posted.data.id })).toEqual({ ok: true, data: {} });
    expect(await told).toEqual({ sessionId: session.id, messageId: posted.data.id });
    const after = await send(m, 'chat:history', { sessionId: session.id });
    expect(after.ok && after.data.messages).toEqual([]);
    expect(after.ok && after.data.canModerate).toBe(true);
    const again = await send(m, 'chat:delete', { messageId: posted.data.id });
    expect(again.ok ? null : again.error.code).toBe('not_found');
  });
});
