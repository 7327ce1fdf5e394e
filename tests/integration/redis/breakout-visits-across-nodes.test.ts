import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMember, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../../fixtures/server';
import { connectedTo, startNode, stopNode, type TestNode } from '../../fixtures/nodes';
import { joinAndCapabilities } from '../../fixtures/node-media';

/**
 * A moderator visiting a breakout room is live state every node must share:
 * the visit asked of node A moves the moderator's call held by node B into
 * the room (and back), and the control room read through B lists the visitor.
 */
const redisUrl = process.env.BALAI_TEST_REDIS_URL!;
const prefix = `balai-test-visits-${randomUUID()}:`;
const nodeEnv = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, BALAI_NODE_TIMEOUT_SECONDS: '3', MEDIASOUP_WORKERS: '1', PIPE_LISTEN_IP: '127.0.0.1' };
let a: TestNode;
let b: TestNode;
const sockets: TestSocket[] = [];
const redis = createClient({ url: redisUrl });

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error('tests with several node processes need DATABASE_URL (one PostgreSQL for all of them)');
  await redis.connect();
  [a, b] = await Promise.all([startNode(nodeEnv), startNode(nodeEnv)]);
  // Two node processes start slowly on a busy machine.
}, 180_000);
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await Promise.all([a, b].filter(Boolean).map(stopNode));
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(keys);
  await redis.quit();
});

it('a visit asked of node A moves the moderator’s call on node B into the room and back, and B’s control room lists the visitor', { timeout: 90_000 }, async () => {
  const organizer = await createUser('Visiting moderator');
  const participant = await createUser('Breakout member');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  await addMember(event.id, participant, 'participant');
  const controlOnA = await connectedTo(a, organizer);
  const callOnB = await connectedTo(b, organizer);
  const memberOnB = await connectedTo(b, participant);
  sockets.push(controlOnA, callOnB, memberOnB);
  for (const s of [callOnB, memberOnB]) await joinAndCapabilities(s, session.id);

  const runId = randomUUID();
  const memberMoved = nextEvent(memberOnB, 'media:room-left');
  const opened = await send(controlOnA, 'breakout:open', {
    sessionId: session.id,
    runId,
    mode: 'manual',
    rooms: [{ name: 'Visited' }, { name: 'Other' }],
    durationMinutes: 10,
    manual: [{ userId: participant.id, room: 0 }],
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const roomId = opened.data.rooms[0]!.id;
  expect(await memberMoved).toEqual({ reason: 'moved', roomKey: `breakout:${roomId}` });

  // The visit is asked of A; the moderator's call is on B, whose resolver now knows it.
  const visiting = nextEvent(callOnB, 'media:room-left');
  expect(await send(controlOnA, 'breakout:visit', { runId, roomId, asTable: false })).toMatchObject({ ok: true });
  expect(await visiting).toEqual({ reason: 'moved', roomKey: `breakout:${roomId}` });
  expect((await joinAndCapabilities(callOnB, session.id)).roomKey).toBe(`breakout:${roomId}`);

  // The control room read through B lists the visitor of the room (the visit was recorded on A).
  const control = await send(callOnB, 'breakout:control', { runId });
  if (!control.ok) throw new Error(control.error.message);
  expect(control.data.rooms.find((r) => r.id === roomId)?.visitors).toEqual([expect.objectContaining({ userId: organizer.id, table: false })]);

  // The visit ends through A: the call on B goes back to the main room.
  const back = nextEvent(callOnB, 'media:room-left');
  expect(await send(controlOnA, 'breakout:visit', { runId, roomId: null, asTable: false })).toMatchObject({ ok: true });
  expect(await back).toEqual({ reason: 'moved', roomKey: `main:${session.id}` });
  const afterVisit = await send(callOnB, 'breakout:control', { runId });
  expect(afterVisit.ok && afterVisit.data.rooms.find((r) => r.id === roomId)?.visitors).toEqual([]);
});
