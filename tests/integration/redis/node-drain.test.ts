import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redisNames } from '../../../lib/redis-names';
import { addMember, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../../fixtures/server';
import { connectTo, connectedTo, startNode, stopNode, type TestNode } from '../../fixtures/nodes';

// Nodes as real processes sharing PostgreSQL and Redis (collected only with BALAI_TEST_REDIS_URL).
const redisUrl = process.env.BALAI_TEST_REDIS_URL!;
const prefix = `balai-test-drain-${randomUUID()}:`;
const nodeEnv = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, MEDIASOUP_WORKERS: '1' };
let patient: TestNode;
let hurried: TestNode;
const sockets: TestSocket[] = [];
const redis = createClient({ url: redisUrl });

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error('tests with several node processes need DATABASE_URL (one PostgreSQL for all of them)');
  await redis.connect();
  [patient, hurried] = await Promise.all([startNode({ ...nodeEnv, BALAI_DRAIN_SECONDS: '120' }), startNode({ ...nodeEnv, BALAI_DRAIN_SECONDS: '1' })]);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await Promise.all([patient, hurried].filter(Boolean).map(stopNode));
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(keys);
  await redis.quit();
});

it('SIGTERM drains a node: clients are asked to move, nothing new is taken, and it exits as soon as the last client left', { timeout: 60_000 }, async () => {
  const organizer = await createUser('Organizer');
  const guest = await createUser('Guest');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, guest, 'participant');
  const s1 = await connectedTo(patient, organizer);
  const s2 = await connectedTo(patient, guest);
  sockets.push(s1, s2);
  expect(await send(s1, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });
  expect((await fetch(`${patient.url}/healthz`)).status).toBe(200);

  const told = Promise.all([nextEvent(s1, 'node:drain-started'), nextEvent(s2, 'node:drain-started')]);
  patient.child.kill('SIGTERM');
  for (const notice of await told) expect(notice.moveWithinMs).toBe(5000);

  // The load balancer's health check fails, the heartbeat says so, and no new connection or live room is taken.
  const health = await fetch(`${patient.url}/healthz`);
  expect([health.status, await health.text()]).toEqual([503, 'draining']);
  expect(JSON.parse((await redis.get(redisNames(prefix).node(patient.nodeId)))!)).toMatchObject({ draining: true });
  const late = connectTo(patient, guest);
  sockets.push(late);
  await expect(new Promise((resolve, reject) => (late.once('connect', () => resolve(late.id)), late.once('connect_error', reject)))).rejects.toThrow();
  expect(await send(s2, 'media:join', { sessionId: session.id, hall: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  // Requests that need no new room still work while the clients move.
  expect(await send(s2, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });

  // The clients move away; the node exits cleanly without waiting out its 120 s grace.
  s1.disconnect();
  s2.disconnect();
  expect(await patient.exited).toBe(0);
  expect(await redis.sIsMember(redisNames(prefix).nodes, patient.nodeId)).toBeFalsy();
});

it('a node whose clients do not move exits after its grace period anyway, disconnecting them', { timeout: 60_000 }, async () => {
  const stayer = await createUser('Stays put');
  const socket = await connectedTo(hurried, stayer);
  sockets.push(socket);
  const told = nextEvent(socket, 'node:drain-started');
  const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
  hurried.child.kill('SIGTERM');
  expect((await told).moveWithinMs).toBe(500);
  expect(await hurried.exited).toBe(0);
  await dropped;
});
