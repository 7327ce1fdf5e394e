import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app-server';
import { changeMember } from '../../../lib/services/members';
import { addMember, connectAs, createEventWithSession, createUser, send, type TestSocket } from '../../fixtures/server';
import { connectedTo, startNode, stopNode, type TestNode } from '../../fixtures/nodes';

/**
 * The request pipeline caches each socket's actor (role and membership where
 * the request acts). A role change made through one process must reach the
 * caches of every other: process A (this test's own, where the organizer's
 * server action runs) demotes a moderator whose socket is connected to
 * process B (a separate Node process on the same Redis and PostgreSQL), and
 * B refuses that socket's next moderator request. Without the notice, B would
 * keep the cached moderator for up to a minute and let the request through.
 */
const redisUrl = process.env.BALAI_TEST_REDIS_URL!;
const prefix = `balai-test-actors-${randomUUID()}:`;
let a: RunningServer;
let b: TestNode;
const sockets: TestSocket[] = [];
const redis = createClient({ url: redisUrl });

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error('tests with several node processes need DATABASE_URL (one PostgreSQL for all of them)');
  await redis.connect();
  a = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, prefix } });
  b = await startNode({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix, BALAI_NODE_TIMEOUT_SECONDS: '3', MEDIASOUP_WORKERS: '1' });
}, 180_000);
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  if (b) await stopNode(b);
  await a?.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(keys);
  await redis.quit();
});

it('a moderator demoted through process A is refused their next moderator request on process B', { timeout: 60_000 }, async () => {
  const organizer = await createUser('Organizer on A');
  const moderator = await createUser('Moderator on B');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, moderator, 'moderator');

  const onA = await connectAs(a, organizer);
  const onB = await connectedTo(b, moderator);
  sockets.push(onA, onB);
  expect(await send(onA, 'qa:join', { sessionId: session.id })).toMatchObject({ ok: true });
  // B resolves and caches the moderator's actor with these requests.
  expect(await send(onB, 'qa:join', { sessionId: session.id })).toMatchObject({ ok: true, data: { can: { moderate: true } } });
  expect(await send(onB, 'qa:set-moderation', { mutationId: randomUUID(), sessionId: session.id, moderation: 'pre' })).toMatchObject({
    ok: true,
    data: { moderation: 'pre' },
  });

  // The organizer's server action runs in process A; it returns once every process dropped the cached actors.
  await changeMember(organizer.id, event.id, moderator.id, { role: 'participant', attendanceMode: 'remote' });

  expect(await send(onB, 'qa:set-moderation', { mutationId: randomUUID(), sessionId: session.id, moderation: 'post' })).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  // As a participant they may still take part, and nothing the refused request asked for changed.
  const rejoined = await send(onB, 'qa:join', { sessionId: session.id });
  expect(rejoined).toMatchObject({ ok: true, data: { can: { moderate: false }, settings: { moderation: 'pre' } } });
  // The organizer on A is unaffected.
  expect(await send(onA, 'qa:set-moderation', { mutationId: randomUUID(), sessionId: session.id, moderation: 'post' })).toMatchObject({ ok: true });
});
