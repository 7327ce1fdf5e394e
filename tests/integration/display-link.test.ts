import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import type { RunningServer } from '../../server/app-server';
import type { PollView } from '../../lib/contracts/polls';
import type { QuestionView } from '../../lib/contracts/qa';
import { connected, send, startTestServer, type TestSocket } from '../fixtures/server';
import { ask, joinQa, mid, qaCast, type QaCast } from '../fixtures/qa';
import { choiceOptions, createPoll, draft, joinPolls, recording, untilReceived } from '../fixtures/polls';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

/** A projector: no cookie at all, only the display link's token. */
function projector(token: string): TestSocket {
  const socket = connectClient(server.url, { path: '/socket.io', transports: ['websocket'], auth: { displayToken: token }, reconnection: false, forceNew: true }) as TestSocket;
  open.push(socket);
  return socket;
}
const tokenOf = (path: string) => path.split('/').pop()!;

async function linkFor(cast: QaCast) {
  const mod = await joinPolls(server, cast.moderator, cast.sessionId);
  open.push(mod.socket);
  const created = await send(mod.socket, 'display:create-link', { sessionId: cast.sessionId, label: 'Main hall' });
  if (!created.ok) throw new Error(created.error.code);
  return { mod, link: created.data, token: tokenOf(created.data.path) };
}

describe('display links', () => {
  it('only moderators and organizers create, list or revoke them', async () => {
    const cast = await qaCast();
    const { link } = await linkFor(cast);
    for (const who of ['online', 'presenter'] as const) {
      const c = await joinPolls(server, cast[who], cast.sessionId);
      open.push(c.socket);
      expect(await send(c.socket, 'display:create-link', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await send(c.socket, 'display:links', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await send(c.socket, 'display:revoke-link', { linkId: link.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const org = await joinPolls(server, cast.organizer, cast.sessionId);
    open.push(org.socket);
    const list = await send(org.socket, 'display:links', { sessionId: cast.sessionId });
    expect(list.ok && list.data.map((l) => [l.id, l.revokedAt])).toEqual([[link.id, null]]);
    // The secret is never listed again.
    expect(JSON.stringify(list)).not.toContain('/display/');
  });

  it('a bad or unknown token is refused at the handshake', async () => {
    for (const token of ['nope', 'A'.repeat(43), '']) {
      const socket = projector(token);
      await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    }
  });

  it('shows only public content, read-only, and stops working when revoked', async () => {
    const cast = await qaCast();
    const { mod, link, token } = await linkFor(cast);
    const qaMod = await joinQa(server, cast.moderator, cast.sessionId);
    const qaHall = await joinQa(server, cast.hall, cast.sessionId);
    open.push(qaMod.socket, qaHall.socket);
    await send(qaMod.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' });
    const pending = await ask(qaHall.socket, cast.sessionId, 'Pending: not for the projector');
    const anon = await ask(qaHall.socket, cast.sessionId, 'Anonymous and approved', true);
    await send(qaMod.socket, 'qa:moderate', { mutationId: mid(), questionId: anon.id, action: { type: 'approve' } });
    const shown = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'word_cloud', question: 'On the projector' }));
    await send(mod.socket, 'poll:show', { pollId: shown.id, onDisplay: true });
    const notShown = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'word_cloud', question: 'Phones only' }));
    const secret = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'single', question: 'Prepared', options: choiceOptions('a', 'b') }), false);

    const socket = projector(token);
    const rec = recording(socket);
    await connected(socket);
    const joinedAck = await send(socket, 'display:join', {});
    expect(joinedAck.ok).toBe(true);
    if (!joinedAck.ok) return;
    const snap = joinedAck.data;
    expect(snap.sessionId).toBe(cast.sessionId);
    expect(snap.qa.questions.map((q) => q.id)).toEqual([anon.id]);
    expect(snap.qa.questions[0]).toMatchObject({ authorName: null, authorId: null, country: null });
    expect(snap.polls.polls.map((p) => p.id)).toEqual([shown.id]);
    expect(JSON.stringify(snap)).not.toContain('Hana Hall');
    expect(JSON.stringify(snap)).not.toContain(pending.id);
    expect(JSON.stringify(snap)).not.toContain(notShown.id);
    expect(JSON.stringify(snap)).not.toContain(secret.id);

    // Read-only: anything but display:join is refused, whatever it names.
    expect(await send(socket, 'qa:ask', { sessionId: cast.sessionId, questionId: randomUUID(), text: 'From the projector?' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(socket, 'poll:answer', { pollId: shown.id, answerId: randomUUID(), answer: { type: 'text', text: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(socket, 'poll:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Live: answers to the shown poll arrive as results; another pending question and the hidden poll's changes do not.
    await send(qaHall.socket, 'poll:answer', { pollId: shown.id, answerId: randomUUID(), answer: { type: 'text', text: 'Kepercayaan' } });
    await untilReceived(rec.received, () => rec.lastResults(shown.id)?.all.words[0]?.text === 'kepercayaan');
    expect(rec.lastResults(shown.id)!.byMode).toBeNull();
    const pending2 = await ask(qaHall.socket, cast.sessionId, 'Second pending question');
    await send(mod.socket, 'poll:close', { pollId: notShown.id });
    await send(mod.socket, 'poll:show', { pollId: shown.id, onDisplay: false });
    // Barrier: an approved question from the moderator reaches the projector after everything above.
    const marker = await ask(qaMod.socket, cast.sessionId, `marker ${randomUUID()}`);
    await untilReceived(rec.received, (evs) => evs.some((e) => e.event === 'qa:question-changed' && (e.payload as QuestionView).id === marker.id));
    expect(JSON.stringify(rec.received)).not.toContain(pending2.id);
    expect(JSON.stringify(rec.received)).not.toContain(notShown.id);
    expect(rec.received.some((e) => e.event === 'poll:removed' && (e.payload as { pollId: string }).pollId === shown.id)).toBe(true);
    expect(rec.received.some((e) => e.event === 'poll:changed' && (e.payload as PollView).status === 'draft')).toBe(false);

    // Revoked: the projector is told and disconnected, and cannot come back.
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    expect(await send(mod.socket, 'display:revoke-link', { linkId: link.id })).toMatchObject({ ok: true, data: { id: link.id } });
    await disconnected;
    expect(rec.received.some((e) => e.event === 'display:revoked')).toBe(true);
    await expect(connected(projector(token))).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
  });
});
