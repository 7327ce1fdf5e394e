import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import type { QuestionView } from '../../lib/contracts/qa';
import { eq } from 'drizzle-orm';
import { db } from '../../lib/db/client';
import { qaMutations } from '../../lib/db/schema';
import { addMember, connectAs, send, startTestServer, type TestSocket } from '../fixtures/server';
import { ask, barrier, joinQa, mid, qaCast, until, type QaCast, type QaClient } from '../fixtures/qa';

let server: RunningServer;
const open: TestSocket[] = [];
const track = async (c: Promise<QaClient>) => {
  const client = await c;
  open.push(client.socket);
  return client;
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

const changed = (c: QaClient, id: string) =>
  c.received.filter((e) => e.event === 'qa:question-changed' && (e.payload as QuestionView).id === id).map((e) => e.payload as QuestionView);

describe('qa:join', () => {
  it.each([
    ['no payload', undefined],
    ['a bad id', { sessionId: 'nope' }],
    ['a number', 42],
  ])('answers %s with invalid_payload', async (_l, payload) => {
    const cast = await qaCast();
    const socket = await connectAs(server, cast.online);
    open.push(socket);
    expect(await send(socket, 'qa:join', payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('refuses a person who is not a member of the event', async () => {
    const cast = await qaCast();
    const socket = await connectAs(server, cast.outsider);
    open.push(socket);
    expect(await send(socket, 'qa:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: 'Let me in?' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('tells each role what it may do', async () => {
    const cast = await qaCast();
    const [mod, pres, part] = await Promise.all([cast.moderator, cast.presenter, cast.online].map((u) => track(joinQa(server, u, cast.sessionId))));
    expect(mod!.snapshot.can).toEqual({ moderate: true, ask: true });
    expect(pres!.snapshot.can).toEqual({ moderate: false, ask: true });
    expect(part!.snapshot.can).toEqual({ moderate: false, ask: true });
    expect(part!.snapshot.settings).toMatchObject({ moderation: 'post', highlightedQuestionId: null });
  });
});

describe('asking', () => {
  it.each([
    ['empty text', { text: '   ' }],
    ['501 characters', { text: 'x'.repeat(501) }],
    ['no question id', { questionId: undefined }],
    ['a non-boolean anonymous flag', { anonymous: 'yes' }],
  ])('refuses %s with invalid_payload and stores nothing', async (_l, patch) => {
    const cast = await qaCast();
    const part = await track(joinQa(server, cast.online, cast.sessionId));
    const ack = await send(part.socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: 'Fine?', ...patch });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const again = await send(part.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(again.ok && again.data.questions).toEqual([]);
  });

  it('post-moderation: a question reaches everyone at once, text kept verbatim (rendered as text by clients)', async () => {
    const cast = await qaCast();
    const [mod, hall, online] = await Promise.all([cast.moderator, cast.hall, cast.online].map((u) => track(joinQa(server, u, cast.sessionId))));
    const text = '<img src=x onerror=alert(1)> How do <b>co-ops</b> get credit?';
    const q = await ask(hall!.socket, cast.sessionId, text);
    expect(q).toMatchObject({ status: 'approved', mine: true, origin: 'in_person', text, authorName: 'Hana Hall' });
    await until(online!, () => changed(online!, q.id).length === 1);
    expect(changed(online!, q.id)[0]).toMatchObject({ text, authorName: 'Hana Hall', authorId: null, country: null, mine: false });
    await until(mod!, () => changed(mod!, q.id).length === 1);
    expect(changed(mod!, q.id)[0]).toMatchObject({ authorId: cast.hall.id, country: 'ID', origin: 'in_person' });
  });

  it('a retried ask with the same id creates one question and one notice', async () => {
    const cast = await qaCast();
    const [hall, online] = await Promise.all([cast.hall, cast.online].map((u) => track(joinQa(server, u, cast.sessionId))));
    const payload = { sessionId: cast.sessionId, questionId: mid(), text: 'Asked twice over a bad network' };
    const acks = await Promise.all([send(hall!.socket, 'qa:ask', payload), send(hall!.socket, 'qa:ask', payload)]);
    expect(acks.every((a) => a.ok)).toBe(true);
    await send(hall!.socket, 'qa:ask', payload);
    await barrier(hall!.socket, cast.sessionId, [online!]);
    expect(changed(online!, payload.questionId)).toHaveLength(1);
    const snap = await send(online!.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(snap.ok && snap.data.questions.filter((q) => q.id === payload.questionId)).toHaveLength(1);
    // Someone else reusing that id is a conflict, not a takeover.
    expect(await send(online!.socket, 'qa:ask', { ...payload, text: 'mine now' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('rate-limits a person to 5 questions a minute', async () => {
    const cast = await qaCast();
    const part = await track(joinQa(server, cast.other, cast.sessionId));
    for (let i = 0; i < 5; i++) await ask(part.socket, cast.sessionId, `Question ${i}`);
    const sixth = await send(part.socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: 'One more' });
    expect(sixth).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/minute/) } });
    const snap = await send(part.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(snap.ok && snap.data.questions).toHaveLength(5);
  });

  it('counts the questions another Balai process accepted: the limit lives in the database', async () => {
    const cast = await qaCast();
    const part = await track(joinQa(server, cast.other, cast.sessionId));
    // What another process sharing the database would have recorded for this person a moment ago.
    await (await db()).insert(qaMutations).values([0, 1, 2, 3].map(() => ({ id: mid(), userId: cast.other.id, kind: 'ask' })));
    await ask(part.socket, cast.sessionId, 'My fifth this minute');
    expect(await send(part.socket, 'qa:ask', { sessionId: cast.sessionId, questionId: mid(), text: 'A sixth' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    // A minute later the window has moved on.
    await (await db()).update(qaMutations).set({ createdAt: new Date(Date.now() - 61_000) }).where(eq(qaMutations.userId, cast.other.id));
    await ask(part.socket, cast.sessionId, 'A new minute');
  });
});

describe('anonymity', () => {
  it('no payload to other participants or presenters names the author of an anonymous question', async () => {
    const cast = await qaCast();
    const [mod, author, online, pres] = await Promise.all(
      [cast.moderator, cast.hall, cast.online, cast.presenter].map((u) => track(joinQa(server, u, cast.sessionId))),
    );
    const q = await ask(author!.socket, cast.sessionId, 'Is the grant scheme open to informal businesses?', true);
    expect(q).toMatchObject({ anonymous: true, mine: true });
    // Every kind of notice about it: votes, edits, star, highlight, answered.
    expect((await send(online!.socket, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: true })).ok).toBe(true);
    expect((await send(author!.socket, 'qa:edit', { mutationId: mid(), questionId: q.id, text: 'Is the grant open to informal businesses?' })).ok).toBe(true);
    expect((await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: q.id, action: { type: 'star', starred: true } })).ok).toBe(true);
    expect((await send(mod!.socket, 'qa:highlight', { mutationId: mid(), sessionId: cast.sessionId, questionId: q.id })).ok).toBe(true);
    await until(online!, (evs) => evs.some((e) => e.event === 'qa:settings-changed'));
    expect((await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: q.id, action: { type: 'answer' } })).ok).toBe(true);
    await barrier(mod!.socket, cast.sessionId, [online!, pres!]);

    // Snapshots (a fresh join) and acks count as payloads too.
    const snapOnline = await send(online!.socket, 'qa:join', { sessionId: cast.sessionId });
    const snapPres = await send(pres!.socket, 'qa:join', { sessionId: cast.sessionId });
    for (const raw of [online!.raw(), pres!.raw(), JSON.stringify(snapOnline), JSON.stringify(snapPres)]) {
      expect(raw).toContain(q.id);
      expect(raw).not.toContain(cast.hall.id);
      expect(raw).not.toContain('Hana Hall');
      expect(raw).not.toContain('"ID"'); // the author's country
    }
    // The moderator does see who asked.
    const snapMod = await send(mod!.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(snapMod.ok && snapMod.data.questions.find((x) => x.id === q.id)).toMatchObject({ authorName: 'Hana Hall', authorId: cast.hall.id });
    // The author sees it as theirs.
    const snapAuthor = await send(author!.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(snapAuthor.ok && snapAuthor.data.questions.find((x) => x.id === q.id)).toMatchObject({ mine: true, authorName: 'Hana Hall' });
  });
});

describe('public view (room display, presenter screen)', () => {
  it('a moderator-signed projector gets only public payloads: no pending question, no anonymous author', async () => {
    const cast = await qaCast();
    const mod = await track(joinQa(server, cast.moderator, cast.sessionId));
    const author = await track(joinQa(server, cast.hall, cast.sessionId));
    const socket = await connectAs(server, cast.moderator);
    open.push(socket);
    const display = { socket, received: [] as { event: string; payload: unknown }[], snapshot: undefined as never, raw: () => '' };
    display.raw = () => JSON.stringify(display.received);
    socket.onAny((event: string, payload: unknown) => display.received.push({ event, payload }));
    const anon = await ask(author.socket, cast.sessionId, 'Anonymous on the big screen?', true);
    const snap = await send(socket, 'qa:join', { sessionId: cast.sessionId, view: 'public' });
    expect(snap).toMatchObject({ ok: true, data: { can: { moderate: false, ask: false }, myVotes: [] } });
    await send(mod.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' });
    const pending = await ask(author.socket, cast.sessionId, 'Pending, never on the projector');
    await send(mod.socket, 'qa:highlight', { mutationId: mid(), sessionId: cast.sessionId, questionId: anon.id });
    await barrier(mod.socket, cast.sessionId, [display]);
    for (const raw of [JSON.stringify(snap), display.raw()]) {
      expect(raw).toContain(anon.id);
      expect(raw).not.toContain('Hana Hall');
      expect(raw).not.toContain(cast.hall.id);
      expect(raw).not.toContain(pending.id);
    }
  });
});

describe('pre-moderation', () => {
  it('only the author and moderators see a pending question; rejection reaches only the author, with the reason', async () => {
    const cast = await qaCast();
    const [mod, author, online] = await Promise.all([cast.moderator, cast.hall, cast.online].map((u) => track(joinQa(server, u, cast.sessionId))));
    const partSet = await send(online!.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' });
    expect(partSet).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(mod!.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' })).toMatchObject({
      ok: true,
      data: { moderation: 'pre' },
    });

    const pending = await ask(author!.socket, cast.sessionId, 'Spam spam spam');
    expect(pending.status).toBe('pending');
    await until(mod!, () => changed(mod!, pending.id).length === 1);

    // A participant can neither approve nor highlight it, and nothing changes.
    expect(await send(online!.socket, 'qa:moderate', { mutationId: mid(), questionId: pending.id, action: { type: 'approve' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await send(online!.socket, 'qa:highlight', { mutationId: mid(), sessionId: cast.sessionId, questionId: pending.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await send(online!.socket, 'qa:vote', { mutationId: mid(), questionId: pending.id, voted: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const rejected = await send(mod!.socket, 'qa:moderate', {
      mutationId: mid(),
      questionId: pending.id,
      action: { type: 'reject', reason: 'Off topic for this session.' },
    });
    expect(rejected).toMatchObject({ ok: true, data: { status: 'rejected', rejectReason: 'Off topic for this session.' } });
    await until(author!, () => changed(author!, pending.id).some((v) => v.status === 'rejected'));
    expect(changed(author!, pending.id).at(-1)).toMatchObject({ rejectReason: 'Off topic for this session.', mine: true });

    await barrier(mod!.socket, cast.sessionId, [online!]);
    expect(online!.raw()).not.toContain(pending.id);
    expect(online!.raw()).not.toContain('Spam spam spam');
    const snap = await send(online!.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(JSON.stringify(snap)).not.toContain(pending.id);

    // Approving a second one makes it public.
    const good = await ask(author!.socket, cast.sessionId, 'How do I register a cooperative?');
    expect(good.status).toBe('pending');
    expect(await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: good.id, action: { type: 'approve' } })).toMatchObject({
      ok: true,
      data: { status: 'approved' },
    });
    await until(online!, () => changed(online!, good.id).length === 1);
  });

  it('a participant never receives an approved-then-rejected question of someone else again, and it leaves their list', async () => {
    const cast = await qaCast();
    const [mod, author, online] = await Promise.all([cast.moderator, cast.hall, cast.online].map((u) => track(joinQa(server, u, cast.sessionId))));
    const q = await ask(author!.socket, cast.sessionId, 'Visible, then not');
    await until(online!, () => changed(online!, q.id).length === 1);
    await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: q.id, action: { type: 'reject', reason: 'Duplicate of an earlier one' } });
    await until(online!, (evs) => evs.some((e) => e.event === 'qa:question-removed' && (e.payload as { questionId: string }).questionId === q.id));
    expect(online!.raw()).not.toContain('Duplicate of an earlier one');
    expect(changed(online!, q.id).every((v) => v.status === 'approved')).toBe(true);
  });
});

describe('roles change during the session', () => {
  it('a moderator demoted to participant stops receiving moderator payloads at once, and loses the actions', async () => {
    const cast = await qaCast();
    const [mod, author, organizer] = await Promise.all([cast.moderator, cast.hall, cast.organizer].map((u) => track(joinQa(server, u, cast.sessionId))));
    await send(organizer!.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' });
    await addMember(cast.eventId, cast.moderator, 'participant', 'in_person', 'PH');
    const pending = await ask(author!.socket, cast.sessionId, 'Pending after the demotion', true);
    await barrier(organizer!.socket, cast.sessionId, [mod!]);
    expect(mod!.raw()).not.toContain(pending.id);
    expect(await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: pending.id, action: { type: 'approve' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    // Public questions still reach them, as the participant they now are.
    const approved = await send(organizer!.socket, 'qa:moderate', { mutationId: mid(), questionId: pending.id, action: { type: 'approve' } });
    expect(approved.ok).toBe(true);
    await until(mod!, () => changed(mod!, pending.id).length === 1);
    expect(changed(mod!, pending.id)[0]).toMatchObject({ authorName: null, authorId: null });
  });
});

describe('voting', () => {
  it('one vote per person, toggled by desired state, idempotent on retry; counts reach everyone', async () => {
    const cast = await qaCast();
    const [author, online, other] = await Promise.all([cast.hall, cast.online, cast.other].map((u) => track(joinQa(server, u, cast.sessionId))));
    const q = await ask(author!.socket, cast.sessionId, 'Vote for me');
    const voteId = mid();
    const first = await send(online!.socket, 'qa:vote', { mutationId: voteId, questionId: q.id, voted: true });
    const retry = await send(online!.socket, 'qa:vote', { mutationId: voteId, questionId: q.id, voted: true });
    const secondClick = await send(online!.socket, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: true });
    expect(first).toMatchObject({ ok: true, data: { voted: true, voteCount: 1 } });
    expect(retry).toMatchObject({ ok: true, data: { voted: true, voteCount: 1 } });
    expect(secondClick).toMatchObject({ ok: true, data: { voted: true, voteCount: 1 } });
    await until(other!, (evs) => evs.some((e) => e.event === 'qa:votes-changed' && (e.payload as { voteCount: number }).voteCount === 1));
    expect(await send(other!.socket, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: true })).toMatchObject({ data: { voteCount: 2 } });
    expect(await send(online!.socket, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: false })).toMatchObject({ data: { voted: false, voteCount: 1 } });
    const snap = await send(online!.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(snap.ok && snap.data.myVotes).toEqual([]);
    expect(snap.ok && snap.data.questions.find((x) => x.id === q.id)?.voteCount).toBe(1);
  });

  it('a reused mutation id from another person is a conflict', async () => {
    const cast = await qaCast();
    const [author, online, other] = await Promise.all([cast.hall, cast.online, cast.other].map((u) => track(joinQa(server, u, cast.sessionId))));
    const q = await ask(author!.socket, cast.sessionId, 'Whose id?');
    const id = mid();
    expect((await send(online!.socket, 'qa:vote', { mutationId: id, questionId: q.id, voted: true })).ok).toBe(true);
    expect(await send(other!.socket, 'qa:vote', { mutationId: id, questionId: q.id, voted: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('rate-limits a person to 60 votes a minute', async () => {
    const cast = await qaCast();
    const [author, voter] = await Promise.all([cast.hall, cast.online].map((u) => track(joinQa(server, u, cast.sessionId))));
    const q = await ask(author!.socket, cast.sessionId, 'Flip me');
    for (let i = 0; i < 60; i++) {
      const ack = await send(voter!.socket, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: i % 2 === 0 });
      expect(ack.ok).toBe(true);
    }
    expect(await send(voter!.socket, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: true })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
  });
});

describe('moderator console actions', () => {
  it('edit, star, merge (votes combine), highlight, answer, archive; participants are refused each', async () => {
    const cast = await qaCast();
    const [mod, a, b, c, pres] = await Promise.all(
      [cast.moderator, cast.hall, cast.online, cast.other, cast.presenter].map((u) => track(joinQa(server, u, cast.sessionId))),
    );
    const q1 = await ask(a!.socket, cast.sessionId, 'How to acess export markets?');
    const q2 = await ask(b!.socket, cast.sessionId, 'Export market access: how?');
    await send(b!.socket, 'qa:vote', { mutationId: mid(), questionId: q1.id, voted: true });
    await send(c!.socket, 'qa:vote', { mutationId: mid(), questionId: q1.id, voted: true });
    await send(c!.socket, 'qa:vote', { mutationId: mid(), questionId: q2.id, voted: true });
    await send(pres!.socket, 'qa:vote', { mutationId: mid(), questionId: q2.id, voted: true });

    for (const [name, payload] of [
      ['qa:edit', { mutationId: mid(), questionId: q1.id, text: 'hijacked' }],
      ['qa:moderate', { mutationId: mid(), questionId: q1.id, action: { type: 'star', starred: true } }],
      ['qa:moderate', { mutationId: mid(), questionId: q1.id, action: { type: 'answer' } }],
      ['qa:merge', { mutationId: mid(), sourceId: q2.id, targetId: q1.id }],
      ['qa:highlight', { mutationId: mid(), sessionId: cast.sessionId, questionId: q1.id }],
    ] as const) {
      expect(await send(c!.socket, name, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await send(pres!.socket, name, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const unchanged = await send(mod!.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(unchanged.ok && unchanged.data.questions.find((x) => x.id === q1.id)).toMatchObject({ text: q1.text, starred: false, status: 'approved' });

    expect(await send(mod!.socket, 'qa:edit', { mutationId: mid(), questionId: q1.id, text: 'How to access export markets?' })).toMatchObject({
      ok: true,
      data: { text: 'How to access export markets?' },
    });
    expect(await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: q1.id, action: { type: 'star', starred: true } })).toMatchObject({
      data: { starred: true },
    });
    const merged = await send(mod!.socket, 'qa:merge', { mutationId: mid(), sourceId: q2.id, targetId: q1.id });
    // Voters: q1 {b, c}, q2 {c, presenter} → union {b, c, presenter}.
    expect(merged).toMatchObject({ ok: true, data: { source: { status: 'merged', mergedIntoId: q1.id }, target: { voteCount: 3 } } });
    await until(c!, (evs) => evs.some((e) => e.event === 'qa:question-removed' && (e.payload as { questionId: string }).questionId === q2.id));
    await until(b!, () => changed(b!, q2.id).some((v) => v.status === 'merged' && v.mine));

    const hl = await send(mod!.socket, 'qa:highlight', { mutationId: mid(), sessionId: cast.sessionId, questionId: q1.id });
    expect(hl).toMatchObject({ ok: true, data: { highlightedQuestionId: q1.id } });
    for (const client of [a!, b!, c!, pres!]) {
      await until(client, (evs) =>
        evs.some((e) => e.event === 'qa:settings-changed' && (e.payload as { highlighted: QuestionView | null }).highlighted?.id === q1.id),
      );
    }
    expect(await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: q1.id, action: { type: 'answer' } })).toMatchObject({
      data: { status: 'answered', answeredAt: expect.any(String) },
    });
    expect(await send(a!.socket, 'qa:edit', { mutationId: mid(), questionId: q1.id, text: 'too late' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: q1.id, action: { type: 'archive' } })).toMatchObject({
      data: { status: 'archived' },
    });
    // Archiving the highlighted question takes it off the screens.
    await until(b!, (evs) => evs.some((e) => e.event === 'qa:settings-changed' && (e.payload as { highlightedQuestionId: string | null }).highlightedQuestionId === null));
  });

  it('authors edit and withdraw only their own questions, until answered', async () => {
    const cast = await qaCast();
    const [a, b] = await Promise.all([cast.hall, cast.online].map((u) => track(joinQa(server, u, cast.sessionId))));
    const q = await ask(a!.socket, cast.sessionId, 'Typo qeustion');
    expect(await send(b!.socket, 'qa:edit', { mutationId: mid(), questionId: q.id, text: 'mine' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(b!.socket, 'qa:withdraw', { mutationId: mid(), questionId: q.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(a!.socket, 'qa:edit', { mutationId: mid(), questionId: q.id, text: 'Typo question' })).toMatchObject({ data: { text: 'Typo question' } });
    await until(b!, () => changed(b!, q.id).some((v) => v.text === 'Typo question'));
    expect(await send(a!.socket, 'qa:withdraw', { mutationId: mid(), questionId: q.id })).toMatchObject({ data: { status: 'withdrawn' } });
    await until(b!, (evs) => evs.some((e) => e.event === 'qa:question-removed' && (e.payload as { questionId: string }).questionId === q.id));
  });
});

describe('reconnect', () => {
  it('a client that was away gets what it missed from the snapshot on re-join, without duplicates', async () => {
    const cast = await qaCast();
    const [mod, author] = await Promise.all([cast.moderator, cast.hall].map((u) => track(joinQa(server, u, cast.sessionId))));
    const before = await ask(author!.socket, cast.sessionId, 'Before the drop');
    const away = await track(joinQa(server, cast.online, cast.sessionId));
    expect(away.snapshot.questions.map((q) => q.id)).toEqual([before.id]);
    away.socket.disconnect();
    const during = await ask(author!.socket, cast.sessionId, 'While you were away');
    await send(mod!.socket, 'qa:highlight', { mutationId: mid(), sessionId: cast.sessionId, questionId: during.id });
    await send(mod!.socket, 'qa:moderate', { mutationId: mid(), questionId: before.id, action: { type: 'reject', reason: 'no' } });
    const back = await track(joinQa(server, cast.online, cast.sessionId));
    expect(back.snapshot.questions.map((q) => q.id)).toEqual([during.id]);
    expect(back.snapshot.settings.highlightedQuestionId).toBe(during.id);
  });
});
