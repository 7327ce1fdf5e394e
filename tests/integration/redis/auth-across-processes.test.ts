import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app-server';
import { RedisThrottleStore, Throttle, ThrottledError, type Subject } from '../../../lib/auth/throttle';
import { endSession } from '../../../lib/auth/sessions';
import { connectAs, createEventWithSession, createUser, send, type TestSocket } from '../../fixtures/server';
import { resetEnvCache } from '../../../lib/env';

// Collected only when BALAI_TEST_REDIS_URL is set (see vitest.config.mts).
const redisUrl = process.env.BALAI_TEST_REDIS_URL!;
const prefix = `balai-test-${randomUUID()}:`;
let a: RunningServer;
let b: RunningServer;
const stores: RedisThrottleStore[] = [];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  a = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, prefix } });
  b = await startServer({ port: 0, hostname: '127.0.0.1', withNext: false, seed: false, redis: { url: redisUrl, prefix } });
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await Promise.all(stores.map((s) => s.close()));
  await b.close();
  await a.close();
});

it('two processes share one count in Redis: wrong passwords through either add up to one limit, and a reset clears it for both', async () => {
  // Each process has its own Redis connection; the prefix keeps this test's keys apart.
  const prefix = `balai-test-throttle:${randomUUID()}:`;
  const [one, two] = [new RedisThrottleStore(redisUrl, prefix), new RedisThrottleStore(redisUrl, prefix)];
  stores.push(one, two);
  const onA = new Throttle(one);
  const onB = new Throttle(two);
  const account: Subject[] = [{ rule: 'signin-account', id: 'someone@example.org' }];
  // The default limit is five: three failures counted on A, two on B, and the sixth refused on either.
  for (let i = 0; i < 3; i++) await onA.attempt(account);
  for (let i = 0; i < 2; i++) await onB.attempt(account);
  await expect(onA.attempt(account)).rejects.toBeInstanceOf(ThrottledError);
  const err = await onB.attempt(account).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ThrottledError);
  expect((err as ThrottledError).retryAfterSeconds).toBeGreaterThan(25);
  await onA.reset(account[0]!);
  await expect(onB.attempt(account)).resolves.toBeDefined();
});

it('fifty simultaneous guesses through two processes let exactly the limit through', async () => {
  const prefix = `balai-test-throttle:${randomUUID()}:`;
  const [one, two] = [new RedisThrottleStore(redisUrl, prefix), new RedisThrottleStore(redisUrl, prefix)];
  stores.push(one, two);
  const throttles = [new Throttle(one), new Throttle(two)];
  const account: Subject[] = [{ rule: 'signin-account', id: 'burst@example.org' }];
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, (_, i) => throttles[i % 2]!.attempt(account).then(() => 'through', (e: unknown) => (e instanceof ThrottledError ? 'refused' : e))),
  );
  expect(outcomes.filter((o) => o === 'through')).toHaveLength(5);
  expect(outcomes.filter((o) => o === 'refused')).toHaveLength(45);
});

it('signing out on one process drops the session’s socket on the other at once', async () => {
  const user = await createUser('Connected to A');
  const onA = await connectAs(a, user);
  sockets.push(onA);
  // Both servers run in this test process, and the one started last (b) registered the live access that
  // endSession() uses: the notice leaves from b's Socket.IO server and reaches a's socket through Redis.
  expect(a.io.of('/').sockets.size).toBeGreaterThan(0);
  expect(b.io.of('/').sockets.size).toBe(0);
  const dropped = new Promise<string>((resolve) => onA.once('disconnect', (reason) => resolve(reason)));
  await endSession(user.sid);
  expect(await dropped).toBe('io server disconnect');
});

it('one person writing through both processes shares one request limit', async () => {
  process.env.BALAI_LIMIT_PERSON_WRITES = '4';
  process.env.BALAI_LIMIT_REQUEST_WINDOW_SECONDS = '60';
  resetEnvCache();
  try {
    const organizer = await createUser('Rita Requests');
    const { session } = await createEventWithSession(organizer);
    const [onA, onB] = await Promise.all([connectAs(a, organizer), connectAs(b, organizer)]);
    sockets.push(onA, onB);
    const send3 = (s: TestSocket) => [0, 1, 2].map((i) => send(s, 'chat:send', { sessionId: session.id, clientId: randomUUID(), body: `hello ${i}` }));
    const answers = await Promise.all([...send3(onA), ...send3(onB)]);
    expect(answers.filter((x) => x.ok)).toHaveLength(4);
    expect(answers.filter((x) => !x.ok && x.error.code === 'rate_limited')).toHaveLength(2);
  } finally {
    delete process.env.BALAI_LIMIT_PERSON_WRITES;
    delete process.env.BALAI_LIMIT_REQUEST_WINDOW_SECONDS;
    resetEnvCache();
  }
});
