import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app-server';
import { EMPTY_PLAN } from '../../../lib/contracts/plans';
import { savePlan, sharePlan } from '../../../lib/services/plans';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../../fixtures/server';

// Collected only when BALAI_TEST_REDIS_URL is set (CI sets it; see vitest.config.mts).
const redisUrl = process.env.BALAI_TEST_REDIS_URL!;
const prefix = `balai-test-${randomUUID()}:`;
let a: RunningServer;
let b: RunningServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  // Two Balai "processes" (two servers, two ports) sharing one database and one Redis stream.
  a = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, prefix } });
  b = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, prefix } });
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

it('plan comments reach readers on the other process, and stop there once the plan is unshared', async () => {
  const organizer = await createUser('Organizer');
  const owner = await createUser('Owner on A');
  const reader = await createUser('Reader on B');
  const { event } = await createEventWithSession(organizer);
  await addMember(event.id, owner, 'participant');
  await addMember(event.id, reader, 'participant');
  const { planId } = await savePlan(owner.id, { eventId: event.id, revisionId: randomUUID(), baseVersion: 0, content: EMPTY_PLAN });
  await sharePlan(owner.id, { planId, withFacilitators: false, withCohort: false, userIds: [reader.id] });

  const onA = await connectAs(a, owner);
  const onB = await connectAs(b, reader);
  sockets.push(onA, onB);
  expect(await send(onA, 'plan:watch', { planId })).toMatchObject({ ok: true });
  expect(await send(onB, 'plan:watch', { planId })).toMatchObject({ ok: true });
  const atB = nextEvent(onB, 'plan:commented');
  await send(onA, 'plan:comment', { id: randomUUID(), planId, section: 'problem', body: 'From process A' });
  expect(await atB).toMatchObject({ body: 'From process A', authorName: 'Owner on A' });

  // Revoked: the check at emit time takes B's socket out of the room from process A.
  await sharePlan(owner.id, { planId, withFacilitators: false, withCohort: false, userIds: [] });
  const got: string[] = [];
  onB.on('plan:commented', (c) => got.push(c.body));
  const atA = nextEvent(onA, 'plan:commented');
  await send(onA, 'plan:comment', { id: randomUUID(), planId, section: 'problem', body: 'Private again' });
  await atA;
  await new Promise((r) => setTimeout(r, 300));
  expect(got).toEqual([]);
});

it('the Q&A limits hold across processes: a person asking through two processes gets five questions a minute in all', async () => {
  const organizer = await createUser('Organizer');
  const asker = await createUser('Two tabs');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, asker, 'participant');
  // Two tabs of one person, each connected to a different process.
  const tabA = await connectAs(a, asker);
  const tabB = await connectAs(b, asker);
  sockets.push(tabA, tabB);
  await send(tabA, 'qa:join', { sessionId: session.id });
  await send(tabB, 'qa:join', { sessionId: session.id });
  const ask = (tab: TestSocket, n: number) => send(tab, 'qa:ask', { sessionId: session.id, questionId: randomUUID(), text: `Question ${n}?` });
  // Both processes at once, three each: exactly five are accepted, whatever the interleaving.
  const results = await Promise.all([1, 2, 3].flatMap((n) => [ask(tabA, n), ask(tabB, n + 3)]));
  expect(results.filter((r) => r.ok)).toHaveLength(5);
  expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['rate_limited']);
});
