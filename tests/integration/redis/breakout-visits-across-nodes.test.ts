import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { addMember, createEventWithSession, createUser, nextEvent, send } from '../../fixtures/server';
import { connectedTo } from '../../fixtures/nodes';
import { twoNodes } from '../../fixtures/two-nodes';
import { joinAndCapabilities } from '../../fixtures/node-media';

/**
 * A moderator visiting a breakout room is live state every node must share:
 * the visit asked of node A moves the moderator's call held by node B into
 * the room (and back), and the control room read through B lists the visitor.
 */
const nodes = twoNodes('visits', { PIPE_LISTEN_IP: '127.0.0.1' });
const { sockets } = nodes;

it('a visit asked of node A moves the moderator’s call on node B into the room and back, and B’s control room lists the visitor', { timeout: 90_000 }, async () => {
  const { a, b } = nodes;
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
