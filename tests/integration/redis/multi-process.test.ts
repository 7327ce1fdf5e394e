import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app-server';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../../fixtures/server';

// Collected only when BALAI_TEST_REDIS_URL is set (CI sets it; see vitest.config.mts).
const redisUrl = process.env.BALAI_TEST_REDIS_URL!;
const streamName = `balai-test-${randomUUID()}`;
let a: RunningServer;
let b: RunningServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  // Two Balai "processes" (two servers, two ports) sharing one database and one Redis stream.
  a = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, streamName } });
  b = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, streamName } });
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await b.close();
  await a.close();
});

it('people connected to different processes see each other in presence and receive each other’s notices', async () => {
  const organizer = await createUser('On A');
  const participant = await createUser('On B');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, participant, 'participant', 'remote', 'FJ');

  const onA = await connectAs(a, organizer);
  const onB = await connectAs(b, participant);
  sockets.push(onA, onB);
  await send(onA, 'presence:join', { sessionId: session.id });
  const joined = nextEvent(onA, 'presence:joined');
  const snapshot = await send(onB, 'presence:join', { sessionId: session.id });
  expect(snapshot.ok && snapshot.data.peers.map((p) => p.name).sort()).toEqual(['On A', 'On B']);
  expect((await joined).peer).toMatchObject({ name: 'On B', country: 'FJ' });

  const updated = nextEvent(onB, 'session:updated');
  await send(onA, 'session:update', { sessionId: session.id, patch: { venueRoom: 'Hall B' } });
  expect((await updated).venueRoom).toBe('Hall B');
});
