import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ServerEventName, ServerEventPayload } from '../../lib/contracts/realtime';
import { addMember, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia } from '../fixtures/media';

/** Every notice of one name a socket receives, to look back at. */
const testServer = useTestServer();
const { as } = testServer;

function collect<K extends ServerEventName>(socket: TestSocket, name: K): ServerEventPayload<K>[] {
  const seen: ServerEventPayload<K>[] = [];
  (socket.on as (n: string, l: (p: ServerEventPayload<K>) => void) => void)(name, (p) => seen.push(p));
  return seen;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A webinar: participants cannot publish until someone invites them, so promotion must grant it. */
async function webinarWithWatchers() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'webinar');
  const moderator = await createUser('Moderator Mia');
  const ana = await createUser('Ana Watcher');
  const budi = await createUser('Budi Watcher');
  const outsider = await createUser('Outsider');
  await addMember(event.id, moderator, 'moderator');
  await addMember(event.id, ana, 'participant');
  await addMember(event.id, budi, 'participant');
  return { session, m: await as(moderator), a: await as(ana), b: await as(budi), o: await as(outsider), ana, budi };
}

describe('watchers of the HLS page and their promotion into the call', () => {
  it('only organizers and moderators list or promote watchers; bad payloads and outsiders are refused', async () => {
    const { session, a, o, budi } = await webinarWithWatchers();
    for (const [event, payload] of [
      ['watch:watchers', { sessionId: session.id }],
      ['watch:promote', { sessionId: session.id, userId: budi.id, clientId: randomUUID() }],
    ] as const) {
      const ack = await send(a, event, payload);
      expect(ack.ok ? null : ack.error.code).toBe('forbidden');
    }
    const outsider = await send(o, 'watch:attend', { sessionId: session.id });
    expect(outsider.ok ? null : outsider.error.code).toBe('forbidden');
    for (const [event, payload] of [
      ['watch:attend', { sessionId: 'nope' }],
      ['watch:promote', { sessionId: session.id, userId: budi.id }],
      ['watch:answer', { sessionId: session.id, invitationId: randomUUID(), accept: 'yes' }],
    ] as const) {
      const ack = await send(a, event, payload);
      expect(ack.ok ? null : ack.error.code).toBe('invalid_payload');
    }
  });

  it('a moderator sees who watches with their hands and questions, invites one; only that watcher is asked, accepting lets them publish in the webinar, and retries change nothing', async () => {
    const { session, m, a, b, ana, budi } = await webinarWithWatchers();
    const lists = collect(m, 'watch:watchers-changed');
    const first = await send(m, 'watch:watchers', { sessionId: session.id });
    expect(first.ok && first.data.count).toBe(0);

    const anaInvites = collect(a, 'watch:invited');
    const budiInvites = collect(b, 'watch:invited');
    expect(await send(a, 'watch:attend', { sessionId: session.id })).toEqual({ ok: true, data: { invitation: null } });
    expect((await send(b, 'watch:attend', { sessionId: session.id })).ok).toBe(true);
    // Context for the moderator: Budi raises a hand, Ana asks a question.
    expect((await send(b, 'hand:raise', { sessionId: session.id, raised: true })).ok).toBe(true);
    const asked = await send(a, 'qa:ask', { sessionId: session.id, questionId: randomUUID(), text: 'Can I join the panel?', anonymous: false });
    expect(asked.ok ? null : asked.error).toBeNull();
    const listed = await send(m, 'watch:watchers', { sessionId: session.id });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.data.count).toBe(2);
    // Raised hands first, then people who asked.
    expect(listed.data.watchers.map((w) => [w.name, w.handRaisedAt !== null, w.questions, w.invitation])).toEqual([
      ['Budi Watcher', true, 0, null],
      ['Ana Watcher', false, 1, null],
    ]);
    await until(() => lists.some((l) => l.count === 2), 'the moderator is told two people watch');

    // Someone not watching cannot be promoted.
    const stranger = await send(m, 'watch:promote', { sessionId: session.id, userId: randomUUID(), clientId: randomUUID() });
    expect(stranger.ok ? null : stranger.error.code).toBe('not_found');

    const clientId = randomUUID();
    const promoted = await send(m, 'watch:promote', { sessionId: session.id, userId: ana.id, clientId });
    if (!promoted.ok) throw new Error(promoted.error.message);
    expect(promoted.data.invitation).toMatchObject({ userId: ana.id, invitedBy: 'Moderator Mia', status: 'pending' });
    await until(() => anaInvites.length === 1, 'Ana is invited');
    expect(anaInvites[0]!.invitation.id).toBe(promoted.data.invitation.id);
    // The retry of the same request is the same invitation; Ana still has one invitation.
    const retried = await send(m, 'watch:promote', { sessionId: session.id, userId: ana.id, clientId });
    expect(retried.ok && retried.data.invitation.id).toBe(promoted.data.invitation.id);
    // A second moderator click (another clientId) finds the open invitation too.
    const again = await send(m, 'watch:promote', { sessionId: session.id, userId: ana.id, clientId: randomUUID() });
    expect(again.ok && again.data.invitation.id).toBe(promoted.data.invitation.id);
    // The clientId of Ana's invitation cannot be reused for Budi.
    const reused = await send(m, 'watch:promote', { sessionId: session.id, userId: budi.id, clientId });
    expect(reused.ok ? null : reused.error.code).toBe('conflict');
    // Budi keeps watching: after a round trip of his own, he was never asked.
    expect((await send(b, 'watch:attend', { sessionId: session.id })).ok).toBe(true);
    expect(budiInvites).toEqual([]);
    // A reconnecting watch page gets its open invitation back.
    const reattend = await send(a, 'watch:attend', { sessionId: session.id });
    expect(reattend.ok && reattend.data.invitation?.id).toBe(promoted.data.invitation.id);

    // Budi cannot answer Ana's invitation.
    const notHis = await send(b, 'watch:answer', { sessionId: session.id, invitationId: promoted.data.invitation.id, accept: true });
    expect(notHis.ok ? null : notHis.error.code).toBe('not_found');

    // Before accepting, Ana may not publish in the webinar; after, the normal join gives her camera and microphone.
    const before = await joinMedia(a, session.id);
    expect(before.grants).toMatchObject({ camera: false, microphone: false });
    expect((await send(a, 'media:leave', {})).ok).toBe(true);
    expect((await send(a, 'hand:raise', { sessionId: session.id, raised: true })).ok).toBe(true);
    const accepted = await send(a, 'watch:answer', { sessionId: session.id, invitationId: promoted.data.invitation.id, accept: true });
    expect(accepted.ok && accepted.data.invitation.status).toBe('accepted');
    // Her raised hand was the request to speak: accepting answers it.
    const hand = await send(a, 'hand:join', { sessionId: session.id });
    expect(hand.ok && hand.data.mine).toBeNull();
    const retry = await send(a, 'watch:answer', { sessionId: session.id, invitationId: promoted.data.invitation.id, accept: true });
    expect(retry.ok && retry.data.invitation.status).toBe('accepted');
    const changed = await send(a, 'watch:answer', { sessionId: session.id, invitationId: promoted.data.invitation.id, accept: false });
    expect(changed.ok ? null : changed.error.code).toBe('conflict');
    expect((await send(a, 'watch:leave', { sessionId: session.id })).ok).toBe(true);
    const after = await joinMedia(a, session.id);
    expect(after.grants).toMatchObject({ camera: true, microphone: true });

    // The moderator's list follows: Ana left the stream, Budi still watches.
    await until(() => lists.at(-1)?.count === 1 && lists.at(-1)?.watchers[0]?.name === 'Budi Watcher', 'the list shows Budi alone');
    // A watch page that closes leaves the list.
    b.disconnect();
    await until(() => lists.at(-1)?.count === 0, 'the list is empty');
  });

  it('a declined invitation stays declined and a new one can follow; the moderator sees each answer', async () => {
    const { session, m, a, ana } = await webinarWithWatchers();
    const lists = collect(m, 'watch:watchers-changed');
    expect((await send(m, 'watch:watchers', { sessionId: session.id })).ok).toBe(true);
    expect((await send(a, 'watch:attend', { sessionId: session.id })).ok).toBe(true);
    const invited = nextEvent(a, 'watch:invited');
    const first = await send(m, 'watch:promote', { sessionId: session.id, userId: ana.id, clientId: randomUUID() });
    if (!first.ok) throw new Error(first.error.message);
    await invited;
    const declined = await send(a, 'watch:answer', { sessionId: session.id, invitationId: first.data.invitation.id, accept: false });
    expect(declined.ok && declined.data.invitation.status).toBe('declined');
    await until(() => lists.at(-1)?.watchers[0]?.invitation === 'declined', 'the moderator sees the decline');
    const joined = await joinMedia(a, session.id);
    expect(joined.grants.camera).toBe(false);
    const second = await send(m, 'watch:promote', { sessionId: session.id, userId: ana.id, clientId: randomUUID() });
    expect(second.ok && second.data.invitation.id).not.toBe(first.data.invitation.id);
    await until(() => lists.at(-1)?.watchers[0]?.invitation === 'pending', 'the moderator sees the new invitation');
  });
});
