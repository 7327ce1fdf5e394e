import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { QuestionView } from '../../lib/contracts/qa';
import { db } from '../../lib/db/client';
import { qaMutations, qaQuestions } from '../../lib/db/schema';
import { submitAsk, type AskRequest } from '../../lib/services/qa-ask-batch';
import { QA_LIMITS } from '../../lib/services/qa-rate-limit';
import { addMember, connectAs, createUser, send, type TestSocket, type TestUser } from '../fixtures/server';
import { barrier, joinQa, mid, qaCast, type QaClient } from '../fixtures/qa';
import { useTestServer } from '../fixtures/test-server';

const testServer = useTestServer();
const { sockets: open } = testServer;

async function track(client: Promise<QaClient>) {
  const c = await client;
  open.push(c.socket);
  return c;
}

async function participants(eventId: string, n: number, label: string): Promise<{ user: TestUser; socket: TestSocket }[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const user = await createUser(`${label} ${i}`);
      await addMember(eventId, user, 'participant');
      const socket = await connectAs(testServer.server, user);
      open.push(socket);
      return { user, socket };
    }),
  );
}

const changedIds = (c: QaClient) => c.received.filter((r) => r.event === 'qa:question-changed').map((r) => (r.payload as QuestionView).id);
const occurrences = (ids: string[], id: string) => ids.filter((x) => x === id).length;

async function storedAsks(userId: string) {
  const d = await db();
  const [q] = await d.select({ n: count() }).from(qaQuestions).where(eq(qaQuestions.authorId, userId));
  const [m] = await d.select({ n: count() }).from(qaMutations).where(and(eq(qaMutations.userId, userId), eq(qaMutations.kind, 'ask')));
  return { questions: q!.n, mutations: m!.n };
}

const request = (user: TestUser, sessionId: string, text: string, questionId = randomUUID()): AskRequest => ({
  userId: user.id,
  sessionId,
  questionId,
  text,
  anonymous: false,
  staff: false,
  origin: 'remote',
  country: null,
});

describe('questions committed together', () => {
  it('100 people asking at once each get their own question, acked once, and everyone hears each question once', { timeout: 120_000 }, async () => {
    const cast = await qaCast();
    const staff = await track(joinQa(testServer.server, cast.moderator, cast.sessionId));
    const audience = await track(joinQa(testServer.server, cast.online, cast.sessionId));
    const people = await participants(cast.eventId, 100, 'Asker');
    const payloads = people.map((_, i) => ({ sessionId: cast.sessionId, questionId: randomUUID(), text: `Question number ${i}?`, anonymous: i % 3 === 0 }));
    const acks = await Promise.all(
      people.map(({ socket }, i) => (socket.timeout(60_000).emitWithAck as unknown as (n: string, p: unknown) => Promise<Awaited<ReturnType<typeof send<'qa:ask'>>>>)('qa:ask', payloads[i])),
    );
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    acks.forEach((a, i) => {
      expect(a).toMatchObject({ ok: true, data: { id: payloads[i]!.questionId, text: payloads[i]!.text, mine: true, status: 'approved', anonymous: payloads[i]!.anonymous } });
    });
    const d = await db();
    const ids = payloads.map((p) => p.questionId);
    const rows = await d.select({ id: qaQuestions.id, authorId: qaQuestions.authorId }).from(qaQuestions).where(inArray(qaQuestions.id, ids));
    expect(new Map(rows.map((r) => [r.id, r.authorId]))).toEqual(new Map(people.map((p, i) => [ids[i]!, p.user.id])));
    await barrier(staff.socket, cast.sessionId, [staff, audience]);
    for (const id of ids) {
      expect(occurrences(changedIds(staff), id)).toBe(1);
      expect(occurrences(changedIds(audience), id)).toBe(1);
    }
  });

  it('a retry is the same question, never a second one: in the same batch, after it and from a second tab', async () => {
    const cast = await qaCast();
    const staff = await track(joinQa(testServer.server, cast.moderator, cast.sessionId));
    const audience = await track(joinQa(testServer.server, cast.online, cast.sessionId));
    const tab = await track(joinQa(testServer.server, cast.hall, cast.sessionId));
    const secondTab = await connectAs(testServer.server, cast.hall);
    open.push(secondTab);
    const payload = { sessionId: cast.sessionId, questionId: randomUUID(), text: 'Asked once, sent four times?' };
    // No await between sends: they reach the server in one burst and share a commit.
    const acks = await Promise.all([
      send(tab.socket, 'qa:ask', payload),
      send(tab.socket, 'qa:ask', payload),
      send(secondTab, 'qa:ask', payload),
      send(tab.socket, 'qa:ask', { ...payload, questionId: randomUUID(), text: 'A different one' }),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.slice(0, 3).map((a) => a.ok && a.data.id)).toEqual([payload.questionId, payload.questionId, payload.questionId]);
    expect(await send(tab.socket, 'qa:ask', payload)).toMatchObject({ ok: true, data: { id: payload.questionId, text: payload.text } });
    expect(await storedAsks(cast.hall.id)).toEqual({ questions: 2, mutations: 2 });
    await barrier(staff.socket, cast.sessionId, [audience, tab]);
    expect(occurrences(changedIds(audience), payload.questionId)).toBe(1);
    expect(occurrences(changedIds(tab), payload.questionId)).toBe(1);
  });

  it('in one batch: a retry racing its original answers with it, an id someone else took is a conflict, and the others go in', async () => {
    const cast = await qaCast();
    const a = request(cast.hall, cast.sessionId, 'First of the batch');
    // All submitted in one tick: one batch.
    const results = await Promise.allSettled([
      submitAsk(a),
      submitAsk({ ...a }),
      submitAsk({ ...request(cast.online, cast.sessionId, 'Mine now'), questionId: a.questionId }),
      submitAsk(request(cast.other, cast.sessionId, 'Unrelated')),
    ]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { kind: 'asked', question: { id: a.questionId, authorId: cast.hall.id } } });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { kind: 'retry', question: { id: a.questionId, authorId: cast.hall.id } } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    expect(results[3]).toMatchObject({ status: 'fulfilled', value: { kind: 'asked', question: { authorId: cast.other.id } } });
    expect(await storedAsks(cast.online.id)).toEqual({ questions: 0, mutations: 0 });
    expect(await storedAsks(cast.hall.id)).toEqual({ questions: 1, mutations: 1 });
  });

  it('an ask the database refuses fails alone; the rest of its batch is stored', async () => {
    const cast = await qaCast();
    const good = [request(cast.hall, cast.sessionId, 'Good one'), request(cast.other, cast.sessionId, 'Good two')];
    // A session that does not exist: the whole batch's insert fails on the foreign key.
    const bad = request(cast.online, randomUUID(), 'Nowhere');
    const results = await Promise.allSettled([submitAsk(good[0]!), submitAsk(bad), submitAsk(good[1]!)]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { kind: 'asked' } });
    expect(results[1]).toMatchObject({ status: 'rejected' });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { kind: 'asked' } });
    expect(await storedAsks(cast.hall.id)).toEqual({ questions: 1, mutations: 1 });
    expect(await storedAsks(cast.online.id)).toEqual({ questions: 0, mutations: 0 });
  });

  it('the per-person limit is exact within a burst: the extra asks are refused, record nothing, and others are unaffected', async () => {
    const cast = await qaCast();
    const part = await track(joinQa(testServer.server, cast.other, cast.sessionId));
    const n = QA_LIMITS.questionsPerMinute + 3;
    const acks = await Promise.all([
      ...Array.from({ length: n }, (_, i) => send(part.socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: `Burst ${i}` })),
      send((await track(joinQa(testServer.server, cast.hall, cast.sessionId))).socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: 'Someone else' }),
    ]);
    const mine = acks.slice(0, n);
    expect(mine.filter((a) => a.ok)).toHaveLength(QA_LIMITS.questionsPerMinute);
    expect(mine.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
    // Refused in arrival order: the first five asked are the ones stored.
    expect(mine.map((a) => a.ok)).toEqual(Array.from({ length: n }, (_, i) => i < QA_LIMITS.questionsPerMinute));
    expect(acks[n]).toMatchObject({ ok: true });
    expect(await storedAsks(cast.other.id)).toEqual({ questions: QA_LIMITS.questionsPerMinute, mutations: QA_LIMITS.questionsPerMinute });
    // A retry of an accepted ask is still answered once the limit is reached: it asks nothing new.
    const first = mine[0]!;
    expect(first.ok && (await send(part.socket, 'qa:ask', { sessionId: cast.sessionId, questionId: first.data.id, text: first.data.text }))).toMatchObject({ ok: true, data: { id: first.ok && first.data.id } });
  });

  it('under pre-moderation a batch of participants’ questions reaches staff and each author only; the moderator’s goes to all', async () => {
    const cast = await qaCast();
    const staff = await track(joinQa(testServer.server, cast.moderator, cast.sessionId));
    expect(await send(staff.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' })).toMatchObject({ ok: true });
    const audience = await track(joinQa(testServer.server, cast.online, cast.sessionId));
    const authors = await Promise.all([cast.hall, cast.other].map((u) => track(joinQa(testServer.server, u, cast.sessionId))));
    const asks = await Promise.all([
      ...authors.map((a, i) => send(a.socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: `Held ${i}` })),
      send(staff.socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: 'From the moderator' }),
    ]);
    expect(asks.map((a) => a.ok && a.data.status)).toEqual(['pending', 'pending', 'approved']);
    const [held0, held1, mod] = asks.map((a) => (a.ok ? a.data.id : ''));
    await barrier(staff.socket, cast.sessionId, [staff, audience, ...authors]);
    expect(changedIds(staff)).toEqual(expect.arrayContaining([held0, held1, mod]));
    expect(changedIds(audience)).toContain(mod);
    expect(changedIds(audience)).not.toContain(held0);
    expect(changedIds(audience)).not.toContain(held1);
    expect(changedIds(authors[0]!)).toContain(held0);
    expect(changedIds(authors[0]!)).not.toContain(held1);
    expect(changedIds(authors[1]!)).toContain(held1);
    expect(changedIds(authors[1]!)).not.toContain(held0);
  });

  it('each recipient sees every question’s revisions in order while asks, approvals and votes interleave', { timeout: 120_000 }, async () => {
    const cast = await qaCast();
    const staff = await track(joinQa(testServer.server, cast.moderator, cast.sessionId));
    expect(await send(staff.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' })).toMatchObject({ ok: true });
    const audience = await track(joinQa(testServer.server, cast.online, cast.sessionId));
    const people = await participants(cast.eventId, 30, 'Interleaver');
    const held = await Promise.all(people.map(({ socket }, i) => send(socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: `Held question ${i}` })));
    const heldIds = held.map((a) => (a.ok ? a.data.id : ''));
    // Approvals, a second wave of asks and votes on the approved, all in flight together.
    await Promise.all([
      ...heldIds.map((id) => send(staff.socket, 'qa:moderate', { mutationId: mid(), questionId: id, action: { type: 'approve' } })),
      ...people.map(({ socket }, i) => send(socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: `Second wave ${i}` })),
      ...people.map(({ socket }, i) => send(socket, 'qa:vote', { mutationId: mid(), questionId: heldIds[(i + 1) % heldIds.length], voted: true })),
    ]);
    await barrier(staff.socket, cast.sessionId, [staff, audience]);
    for (const client of [staff, audience]) {
      const revs = new Map<string, number[]>();
      for (const r of client.received) {
        if (r.event !== 'qa:question-changed' && r.event !== 'qa:votes-changed') continue;
        const p = r.payload as { id?: string; questionId?: string; rev: number };
        const id = p.id ?? p.questionId!;
        revs.set(id, [...(revs.get(id) ?? []), p.rev]);
      }
      // Every held question was approved and voted on in the wave: each of them has notices to put in order.
      for (const id of heldIds) expect(revs.get(id)?.length ?? 0).toBeGreaterThan(0);
      for (const [, seen] of revs) expect(seen).toEqual([...seen].sort((x, y) => x - y));
    }
    // The audience never saw a held question before its approval: its first notice is the approved one.
    for (const id of heldIds) {
      const first = audience.received.find((r) => r.event === 'qa:question-changed' && (r.payload as QuestionView).id === id);
      expect((first?.payload as QuestionView | undefined)?.status).toBe('approved');
    }
  });
});
