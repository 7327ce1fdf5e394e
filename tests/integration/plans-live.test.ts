import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { actionPlanComments } from '../../lib/db/schema';
import type { PlanCommentView } from '../../lib/contracts/plans';
import { EMPTY_PLAN } from '../../lib/contracts/plans';
import { savePlan, sharePlan } from '../../lib/services/plans';
import {
  addMember,
  connectAs,
  createEventWithSession,
  createUser,
  nextEvent,
  send,
  startTestServer,
  type TestSocket,
  type TestUser,
} from '../fixtures/server';

let server: RunningServer;
let eventId: string;
let planId: string;
let organizer: TestUser, moderator: TestUser, owner: TestUser, peer: TestUser, stranger: TestUser;
const sockets: TestSocket[] = [];

async function socketOf(user: TestUser) {
  const s = await connectAs(server, user);
  sockets.push(s);
  return s;
}

/** Every plan:commented this socket receives, so a test can assert that nothing arrived. */
function recordComments(socket: TestSocket): PlanCommentView[] {
  const got: PlanCommentView[] = [];
  socket.on('plan:commented', (c) => got.push(c));
  return got;
}

const shareWith = (userIds: string[], withFacilitators = true) => sharePlan(owner.id, { planId, withFacilitators, withCohort: false, userIds });

beforeAll(async () => {
  server = await startTestServer();
  organizer = await createUser('Organizer');
  ({
    event: { id: eventId },
  } = await createEventWithSession(organizer));
  moderator = await createUser('Moderator');
  owner = await createUser('Owner');
  peer = await createUser('Peer');
  stranger = await createUser('Stranger');
  await addMember(eventId, moderator, 'moderator');
  await addMember(eventId, owner, 'participant');
  await addMember(eventId, peer, 'participant');
  await addMember(eventId, stranger, 'participant');
  const saved = await savePlan(owner.id, { eventId, revisionId: randomUUID(), baseVersion: 0, content: { ...EMPTY_PLAN, problem: 'Credit' } });
  planId = saved.planId;
  await shareWith([peer.id]);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

describe('plan:watch and plan:comment', () => {
  it('refuses malformed payloads', async () => {
    const s = await socketOf(peer);
    expect(await send(s, 'plan:watch', { planId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(s, 'plan:watch', {})).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(s, 'plan:unwatch', { planId: 7 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(s, 'plan:comment', { id: randomUUID(), planId, section: 'nope', body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await send(s, 'plan:comment', { id: randomUUID(), planId, section: 'problem', body: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('sends a committed comment, with author and time, to every watching reader (the author included), once per id', async () => {
    const ownerSocket = await socketOf(owner);
    const peerSocket = await socketOf(peer);
    const modSocket = await socketOf(moderator);
    const strangerSocket = await socketOf(stranger);
    const strangerGot = recordComments(strangerSocket);

    expect(await send(ownerSocket, 'plan:watch', { planId })).toMatchObject({ ok: true, data: { planId, comments: [] } });
    expect(await send(peerSocket, 'plan:watch', { planId })).toMatchObject({ ok: true, data: { planId } });
    expect(await send(modSocket, 'plan:watch', { planId })).toMatchObject({ ok: true, data: { planId } });
    // A participant the plan is not shared with: refused, and (below) receives nothing.
    expect(await send(strangerSocket, 'plan:watch', { planId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A plan that does not exist answers the same, so the answer says nothing about which plans exist.
    expect(await send(strangerSocket, 'plan:watch', { planId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const id = randomUUID();
    const atOwner = nextEvent(ownerSocket, 'plan:commented');
    const atPeer = nextEvent(peerSocket, 'plan:commented');
    const atAuthor = nextEvent(modSocket, 'plan:commented');
    const before = Date.now();
    const ack = await send(modSocket, 'plan:comment', { id, planId, section: 'objectives', body: '  Make them measurable.  ' });
    expect(ack).toMatchObject({ ok: true, data: { id, planId, section: 'objectives', body: 'Make them measurable.', authorName: 'Moderator' } });
    const expected = ack.ok ? ack.data : null;
    expect(await atOwner).toEqual(expected);
    expect(await atPeer).toEqual(expected);
    expect(await atAuthor).toEqual(expected);
    expect(Math.abs(new Date(expected!.createdAt).getTime() - before)).toBeLessThan(60_000);

    // A retry with the same id (its answer was lost) stores nothing new; announcing it again is harmless (clients dedupe by id).
    expect(await send(modSocket, 'plan:comment', { id, planId, section: 'objectives', body: 'Make them measurable.' })).toMatchObject({
      ok: true,
      data: { id },
    });
    const d = await db();
    expect(await d.select().from(actionPlanComments).where(eq(actionPlanComments.id, id))).toHaveLength(1);

    // The stranger cannot post either, and nothing was stored for them.
    expect(await send(strangerSocket, 'plan:comment', { id: randomUUID(), planId, section: 'problem', body: 'sneaky' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await d.select().from(actionPlanComments).where(eq(actionPlanComments.planId, planId))).toHaveLength(1);
    // The peer's notice has arrived, so the stranger's would have too.
    await new Promise((r) => setTimeout(r, 200));
    expect(strangerGot).toEqual([]);

    for (const s of [ownerSocket, peerSocket, modSocket, strangerSocket]) s.disconnect();
  });

  it('stops sending to a reader as soon as the plan is no longer shared with them', async () => {
    await shareWith([peer.id]);
    const ownerSocket = await socketOf(owner);
    const peerSocket = await socketOf(peer);
    expect(await send(ownerSocket, 'plan:watch', { planId })).toMatchObject({ ok: true });
    expect(await send(peerSocket, 'plan:watch', { planId })).toMatchObject({ ok: true });
    const peerGot = recordComments(peerSocket);

    await shareWith([]); // the facilitators still read it; the peer does not
    const atOwner = nextEvent(ownerSocket, 'plan:commented');
    const ack = await send(ownerSocket, 'plan:comment', { id: randomUUID(), planId, section: 'problem', body: 'Only for the facilitators now.' });
    expect(ack.ok).toBe(true);
    expect((await atOwner).body).toBe('Only for the facilitators now.');
    await new Promise((r) => setTimeout(r, 200));
    expect(peerGot).toEqual([]);

    // Taken out of the room: a later comment does not reach them either, and re-watching is refused.
    await send(ownerSocket, 'plan:comment', { id: randomUUID(), planId, section: 'problem', body: 'Second one.' });
    await new Promise((r) => setTimeout(r, 200));
    expect(peerGot).toEqual([]);
    expect(await send(peerSocket, 'plan:watch', { planId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    ownerSocket.disconnect();
    peerSocket.disconnect();
  });

  it('lets a reconnecting reader catch up: watching again acks every comment, including those posted while away', async () => {
    await shareWith([peer.id]);
    const peerSocket = await socketOf(peer);
    const first = await send(peerSocket, 'plan:watch', { planId });
    expect(first.ok).toBe(true);
    const seen = first.ok ? first.data.comments.map((c) => c.id) : [];
    peerSocket.disconnect();

    const modSocket = await socketOf(moderator);
    const id = randomUUID();
    expect(await send(modSocket, 'plan:comment', { id, planId, section: 'resources', body: 'Posted while you were offline.' })).toMatchObject({ ok: true });

    const again = await socketOf(peer);
    const resync = await send(again, 'plan:watch', { planId });
    expect(resync.ok).toBe(true);
    const comments = resync.ok ? resync.data.comments : [];
    expect(comments.map((c) => c.id)).toEqual([...seen, id]);
    expect(comments.at(-1)).toMatchObject({ section: 'resources', body: 'Posted while you were offline.', authorName: 'Moderator' });

    // And it is live again.
    const next = nextEvent(again, 'plan:commented');
    await send(modSocket, 'plan:comment', { id: randomUUID(), planId, section: 'partners', body: 'Back online.' });
    expect((await next).body).toBe('Back online.');
  });

  it('sends nothing about a plan to a socket that stopped watching it', async () => {
    const peerSocket = await socketOf(peer);
    const ownerSocket = await socketOf(owner);
    await send(peerSocket, 'plan:watch', { planId });
    await send(ownerSocket, 'plan:watch', { planId });
    expect(await send(peerSocket, 'plan:unwatch', { planId })).toEqual({ ok: true, data: {} });
    const peerGot = recordComments(peerSocket);
    const atOwner = nextEvent(ownerSocket, 'plan:commented');
    await send(ownerSocket, 'plan:comment', { id: randomUUID(), planId, section: 'indicators', body: 'After unwatch.' });
    await atOwner;
    await new Promise((r) => setTimeout(r, 200));
    expect(peerGot).toEqual([]);
  });
});
