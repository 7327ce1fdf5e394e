import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../../../lib/db/client';
import { breakoutAssignments, breakoutAttendance } from '../../../lib/db/schema';
import { addMember, createEventWithSession, createUser, nextEvent, send, type TestSocket, type TestUser } from '../../fixtures/server';
import { connectedTo } from '../../fixtures/nodes';
import { twoNodes } from '../../fixtures/two-nodes';

/**
 * Breakouts pushed across nodes (two Balai processes, one PostgreSQL, one
 * Redis): rooms opened, a person moved and the rooms closed through node A
 * reach the people connected to node B as their own room, with no request of
 * theirs, and node B records their stays.
 */
const nodes = twoNodes('breakouts');
const { sockets } = nodes;

/** The next push to `socket` that satisfies `wanted` (an earlier change's push may still be on its way from A). */
async function placedWhen(socket: TestSocket, wanted: (p: Awaited<ReturnType<typeof nextEvent<'breakout:placed'>>>) => boolean) {
  for (;;) {
    const p = await nextEvent(socket, 'breakout:placed', 20_000);
    if (wanted(p)) return p;
  }
}

it('rooms opened, a move and the close on node A are pushed to the people on node B, each with their own room', { timeout: 120_000 }, async () => {
  const { a, b } = nodes;
  const organizer = await createUser('Organizer on A');
  const { event, session } = await createEventWithSession(organizer);
  const people: TestUser[] = [];
  for (const [i, country] of ['ID', 'NP', 'ID', 'NP'].entries()) {
    const u = await createUser(`On B ${i}`);
    await addMember(event.id, u, 'participant', 'remote', country);
    people.push(u);
  }
  const org = await connectedTo(a, organizer);
  const onB = await Promise.all(people.map((u) => connectedTo(b, u)));
  sockets.push(org, ...onB);
  for (const s of onB) expect(await send(s, 'breakout:sync', { sessionId: session.id })).toMatchObject({ ok: true, data: { run: null, room: null } });

  const announced = onB.map((s) => nextEvent(s, 'breakout:run-changed', 20_000));
  const placed = onB.map((s) => nextEvent(s, 'breakout:placed', 20_000));
  const runId = randomUUID();
  const opened = await send(org, 'breakout:open', { sessionId: session.id, runId, mode: 'balanced', rooms: [{ name: 'A' }, { name: 'B' }], durationMinutes: 10, seed: 'nodes' });
  expect(opened).toMatchObject({ ok: true, data: { rooms: [{ memberCount: 2 }, { memberCount: 2 }] } });
  for (const r of await Promise.all(announced)) expect(r.run).toMatchObject({ id: runId, status: 'open' });
  const rows = await (await db()).select().from(breakoutAssignments).where(eq(breakoutAssignments.runId, runId));
  const pushed = await Promise.all(placed);
  pushed.forEach((p, i) => {
    expect(p).toMatchObject({ runId, canManage: false });
    expect(p.room?.id).toBe(rows.find((r) => r.userId === people[i]!.id)?.roomId);
  });
  // Node B put its sockets in their rooms: a message in a room reaches the roommate on B.
  const mate = pushed.findIndex((p, i) => i > 0 && p.room?.id === pushed[0]!.room?.id);
  const heard = nextEvent(onB[mate]!, 'breakout:chat-posted', 20_000);
  expect(await send(onB[0]!, 'breakout:chat-send', { roomId: pushed[0]!.room!.id, clientId: randomUUID(), body: 'Hello from B' })).toMatchObject({ ok: true });
  expect((await heard).body).toBe('Hello from B');
  const stays = async () => (await (await db()).select().from(breakoutAttendance).where(eq(breakoutAttendance.runId, runId))).filter((s) => s.leftAt === null);
  await expect.poll(async () => (await stays()).length, { timeout: 20_000 }).toBe(4);

  // A move made on A: the person on B is told their new room.
  const other = opened.ok ? opened.data.rooms.find((r) => r.id !== pushed[0]!.room!.id)!.id : '';
  const moved = placedWhen(onB[0]!, (p) => p.room?.id === other);
  expect(await send(org, 'breakout:move', { runId, userId: people[0]!.id, roomId: other })).toMatchObject({ ok: true });
  expect((await moved).room?.members.map((m) => m.userId)).toContain(people[0]!.id);

  // Closed on A: everyone on B is told "no room", and their stays end.
  const back = onB.map((s) => placedWhen(s, (p) => p.runId === null));
  expect(await send(org, 'breakout:close', { runId, warningSeconds: 0 })).toMatchObject({ ok: true, data: { status: 'closed' } });
  for (const p of await Promise.all(back)) expect(p.room).toBeNull();
  await expect.poll(async () => (await stays()).length, { timeout: 20_000 }).toBe(0);
});
