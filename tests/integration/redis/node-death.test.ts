import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { db } from '../../../lib/db/client';
import { attendanceIntervals } from '../../../lib/db/schema';
import { redisNames } from '../../../lib/redis-names';
import { addMember, connected, createEventWithSession, createUser, nextEvent, send } from '../../fixtures/server';
import { connectTo, connectedTo, startNode, stopNode } from '../../fixtures/nodes';
import { twoNodes } from '../../fixtures/two-nodes';

// Two Balai nodes as real processes sharing PostgreSQL and Redis (collected only with BALAI_TEST_REDIS_URL).
const nodes = twoNodes('death');
const { sockets, redis, prefix, env: nodeEnv } = nodes;

it('when a node is killed, the other tells its clients presence:left for the people who vanished, no request fails meanwhile, and they can come back through it', { timeout: 60_000 }, async () => {
  const { a, b } = nodes;
  const organizer = await createUser('Organizer on B');
  const onA = await createUser('Person on A');
  const twoTabs = await createUser('Two tabs, A and B');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, onA, 'participant');
  await addMember(event.id, twoTabs, 'participant');

  const orgSocket = await connectedTo(b, organizer);
  const aSocket = await connectedTo(a, onA);
  const tabOnA = await connectedTo(a, twoTabs);
  const tabOnB = await connectedTo(b, twoTabs);
  sockets.push(orgSocket, aSocket, tabOnA, tabOnB);
  expect(await send(orgSocket, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });
  for (const s of [aSocket, tabOnA, tabOnB]) expect(await send(s, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });
  const before = await send(orgSocket, 'presence:join', { sessionId: session.id });
  expect(before.ok && before.data.peers.map((p) => p.name).sort()).toEqual(['Organizer on B', 'Person on A', 'Two tabs, A and B']);
  // A holds its sockets in Redis, so whoever survives it knows whom it took along.
  const onAIds = [aSocket.id!, tabOnA.id!];
  expect(Object.keys(await redis.hGetAll(redisNames(prefix).nodePresence(a.nodeId))).sort()).toEqual([...onAIds].sort());

  const left: string[] = [];
  orgSocket.on('presence:left', ({ userId }) => left.push(userId));
  const leftA = nextEvent(orgSocket, 'presence:left', 20_000);
  const killedAt = Date.now();
  a.child.kill('SIGKILL');

  // Requests on B go on while A is dying and after: nothing waits for A's answer. Turning the lobby on asks every
  // node who is present (the Socket.IO adapter still counts A for a while): it answers, and it is turned off again.
  const during = await send(orgSocket, 'presence:join', { sessionId: session.id });
  expect(during.ok).toBe(true);
  expect(await send(orgSocket, 'lobby:set', { sessionId: session.id, enabled: true })).toEqual({ ok: true, data: { enabled: true } });
  expect(await send(orgSocket, 'lobby:set', { sessionId: session.id, enabled: false })).toEqual({ ok: true, data: { enabled: false } });

  expect(await leftA).toEqual({ sessionId: session.id, userId: onA.id });
  console.log(`[node-death] presence:left ${Date.now() - killedAt} ms after the kill`);
  const after = await send(orgSocket, 'presence:join', { sessionId: session.id });
  expect(after.ok && after.data.peers.map((p) => p.name).sort()).toEqual(['Organizer on B', 'Two tabs, A and B']);
  // The person with a tab on B never left: nobody was told so.
  expect(left).toEqual([onA.id]);
  // A's registration goes, and its attendance intervals are closed (no open stay for a dead connection). The reaper
  // deletes the registration only after every handler ran (one that dies midway leaves the work to the next), so
  // presence:left can arrive first: wait for it rather than race it (seen once in CI).
  await expect.poll(() => redis.sIsMember(redisNames(prefix).nodes, a.nodeId), { timeout: 10_000 }).toBeFalsy();
  expect(await redis.exists(redisNames(prefix).nodePresence(a.nodeId))).toBe(0);
  const d = await db();
  const stays = await d.select().from(attendanceIntervals).where(inArray(attendanceIntervals.connectionId, onAIds));
  expect(stays.map((s) => s.closedBy)).toEqual(['stale', 'stale']);

  // The person from A reconnects (through the load balancer) to B and is back.
  const joined = nextEvent(orgSocket, 'presence:joined');
  const back = connectTo(b, onA);
  sockets.push(back);
  await connected(back);
  expect(await send(back, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });
  expect((await joined).peer.name).toBe('Person on A');
});

it('a node restarted under the same BALAI_NODE_ID before its death was noticed cleans up after its former self', { timeout: 90_000 }, async () => {
  const { a, b } = nodes;
  const nodeId = `fixed-${randomUUID()}`;
  const slowToNotice = { ...nodeEnv, BALAI_NODE_ID: nodeId, BALAI_NODE_TIMEOUT_SECONDS: '60' };
  const first = await startNode(slowToNotice);
  const organizer = await createUser('Organizer on B');
  const guest = await createUser('Guest on the restarted node');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, guest, 'participant');
  const orgSocket = await connectedTo(b, organizer);
  const guestSocket = await connectedTo(first, guest);
  sockets.push(orgSocket, guestSocket);
  expect(await send(orgSocket, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });
  expect(await send(guestSocket, 'presence:join', { sessionId: session.id })).toMatchObject({ ok: true });

  const left = nextEvent(orgSocket, 'presence:left', 60_000);
  first.child.kill('SIGKILL');
  await first.exited;
  // Back within the 60 s timeout: nobody else noticed, the node itself does.
  const again = await startNode(slowToNotice);
  try {
    expect(await left).toEqual({ sessionId: session.id, userId: guest.id });
  } finally {
    await stopNode(again);
  }
});
