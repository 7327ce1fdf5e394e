import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app-server';
import { redisNames } from '../../../lib/redis-names';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../../fixtures/server';

// Collected only when BALAI_TEST_REDIS_URL is set (see vitest.config.mts).
const redisUrl = process.env.BALAI_TEST_REDIS_URL!;
// Two deployments on one Redis and (for the test) one database: "blue" runs two nodes, "green" one.
const blue = `balai-test-blue-${randomUUID()}:`;
const green = `balai-test-green-${randomUUID()}:`;
let blue1: RunningServer;
let blue2: RunningServer;
let green1: RunningServer;
const sockets: TestSocket[] = [];
const redis = createClient({ url: redisUrl });

const start = (prefix: string) => startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, prefix } });

beforeAll(async () => {
  await redis.connect();
  blue1 = await start(blue);
  blue2 = await start(blue);
  green1 = await start(green);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await green1.close();
  await blue2.close();
  await blue1.close();
  for (const prefix of [blue, green]) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(keys);
  }
  await redis.quit();
});

it('deployments with different REDIS_PREFIX share one Redis without seeing each other’s presence or notices', async () => {
  const organizer = await createUser('Blue organizer');
  const blueGuest = await createUser('Blue guest');
  const greenGuest = await createUser('Green guest');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, blueGuest, 'participant');
  await addMember(event.id, greenGuest, 'participant');

  const onBlue1 = await connectAs(blue1, organizer);
  const onBlue2 = await connectAs(blue2, blueGuest);
  const onGreen = await connectAs(green1, greenGuest);
  sockets.push(onBlue1, onBlue2, onGreen);

  const greenHeard: string[] = [];
  onGreen.on('presence:joined', ({ peer }) => greenHeard.push(`joined ${peer.name}`));
  onGreen.on('presence:left', ({ userId }) => greenHeard.push(`left ${userId}`));

  expect(await send(onGreen, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });
  await send(onBlue1, 'presence:join', { sessionId: session.id });
  // blue2's arrival reaches blue1 through blue's stream, and never green.
  const atBlue1 = nextEvent(onBlue1, 'presence:joined');
  const snapshot = await send(onBlue2, 'presence:join', { sessionId: session.id });
  expect((await atBlue1).peer.name).toBe('Blue guest');
  // The same session in the same database, but each deployment only sees its own nodes' people.
  expect(snapshot.ok && snapshot.data.peers.map((p) => p.name).sort()).toEqual(['Blue guest', 'Blue organizer']);
  const greenSnapshot = await send(onGreen, 'presence:join', { sessionId: session.id });
  expect(greenSnapshot.ok && greenSnapshot.data.peers.map((p) => p.name)).toEqual(['Green guest']);
  await new Promise((r) => setTimeout(r, 300));
  expect(greenHeard).toEqual([]);

  // Every Redis name of a deployment carries its prefix; nothing is written under the library's defaults by these servers.
  for (const prefix of [blue, green]) {
    expect(await redis.type(redisNames(prefix).adapterStream)).toBe('stream');
    const subscribers = (await redis.pubSubNumSub(`${redisNames(prefix).adapterChannel}#/#`)) as Record<string, number>;
    expect(Object.values(subscribers)[0]).toBe(prefix === blue ? 2 : 1);
  }
});
