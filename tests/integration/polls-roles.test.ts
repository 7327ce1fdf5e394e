import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import type { PollResults, PollView } from '../../lib/contracts/polls';
import { db } from '../../lib/db/client';
import { pollResponses, polls as pollsTable } from '../../lib/db/schema';
import { exportPollsCsv } from '../../lib/services/poll-export';
import { addMember, connectAs, createEventWithSession, send, startTestServer, type TestSocket } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';
import { choiceOptions, createPoll, draft, joinPolls, pollBarrier, untilReceived, type PollClient } from '../fixtures/polls';

let server: RunningServer;
const open: TestSocket[] = [];
const track = async (c: Promise<PollClient>) => {
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

const stored = async (pollId: string) => {
  const d = await db();
  const [row] = await d.select({ n: count() }).from(pollResponses).where(eq(pollResponses.pollId, pollId));
  return row!.n;
};
const events = (c: PollClient, name: string) => c.received.filter((e) => e.event === name);

describe('launching and closing', () => {
  it.each([
    ['participant', 'online'],
    ['presenter', 'presenter'],
  ] as const)('a %s cannot create, launch, close, show or copy a poll', async (_l, who) => {
    const cast = await qaCast();
    const [mod, them] = await Promise.all([track(joinPolls(server, cast.moderator, cast.sessionId)), track(joinPolls(server, cast[who], cast.sessionId))]);
    expect(them.snapshot.can).toEqual({ manage: false, answer: true });
    const prepared = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'word_cloud' }), false);
    const live = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'word_cloud' }), true);
    expect(await send(them.socket, 'poll:create', { sessionId: cast.sessionId, pollId: randomUUID(), draft: draft({ kind: 'open' }), launch: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(them.socket, 'poll:close', { pollId: live.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(them.socket, 'poll:show', { pollId: live.id, onDisplay: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(them.socket, 'poll:copy', { pollId: live.id, newPollId: randomUUID(), targetSessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A draft is not even known to exist.
    expect(await send(them.socket, 'poll:launch', { pollId: prepared.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const d = await db();
    const [row] = await d.select().from(pollsTable).where(eq(pollsTable.id, live.id));
    expect(row).toMatchObject({ status: 'live', onDisplay: false });
    const [draftRow] = await d.select().from(pollsTable).where(eq(pollsTable.id, prepared.id));
    expect(draftRow!.status).toBe('draft');
  });

  it('an outsider cannot join or answer', async () => {
    const cast = await qaCast();
    const mod = await track(joinPolls(server, cast.moderator, cast.sessionId));
    const poll = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'word_cloud' }));
    const socket = await connectAs(server, cast.outsider);
    open.push(socket);
    expect(await send(socket, 'poll:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'text', text: 'hi' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await stored(poll.id)).toBe(0);
  });

  it('a launched poll reaches participants at once; drafts never do', async () => {
    const cast = await qaCast();
    const [mod, hall, online] = await Promise.all([cast.moderator, cast.hall, cast.online].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const prepared = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'single', question: 'Secret draft?', options: choiceOptions('a', 'b') }), false);
    const launched = await send(mod!.socket, 'poll:launch', { pollId: prepared.id });
    expect(launched).toMatchObject({ ok: true, data: { status: 'live' } });
    for (const c of [hall!, online!]) await untilReceived(c.received, (evs) => evs.some((e) => e.event === 'poll:changed' && (e.payload as PollView).status === 'live'));
    // The draft version (with status draft) never reached a participant.
    expect(JSON.stringify(hall!.received)).not.toContain('"status":"draft"');
    expect(mod!.received.some((e) => e.event === 'poll:changed' && (e.payload as PollView).status === 'draft')).toBe(true);
  });

  it('results hidden until close reach participants only when it closes; moderators see them live, split by mode and country', async () => {
    const cast = await qaCast();
    const [mod, hall, online] = await Promise.all([cast.moderator, cast.hall, cast.online].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const options = choiceOptions('Jakarta', 'Nusantara');
    const poll = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'single', options, resultsVisibility: 'after_close' }));
    expect(await send(hall!.socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'choice', choices: [options[1]!.id] } })).toMatchObject({ ok: true });
    expect(await send(online!.socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'choice', choices: [options[0]!.id] } })).toMatchObject({ ok: true });
    await untilReceived(mod!.received, () => mod!.lastResults(poll.id)?.all.responses === 2);
    const staff = mod!.lastResults(poll.id)!;
    expect(staff.byMode!.in_person.options.find((o) => o.id === options[1]!.id)!.count).toBe(1);
    expect(staff.byMode!.remote.options.find((o) => o.id === options[0]!.id)!.count).toBe(1);
    expect(staff.byCountry).toEqual([
      { country: 'ID', responses: 1 },
      { country: 'NP', responses: 1 },
    ]);
    await pollBarrier(mod!.socket, cast.sessionId, [hall!, online!]);
    expect(events(hall!, 'poll:results').filter((e) => (e.payload as PollResults).pollId === poll.id)).toEqual([]);
    // A rejoin's snapshot does not carry them either.
    const again = await send(hall!.socket, 'poll:join', { sessionId: cast.sessionId });
    expect(again.ok && again.data.results.find((r) => r.pollId === poll.id)).toBeUndefined();

    expect(await send(mod!.socket, 'poll:close', { pollId: poll.id })).toMatchObject({ ok: true, data: { status: 'closed' } });
    await untilReceived(hall!.received, () => hall!.lastResults(poll.id)?.final === true);
    const shown = hall!.lastResults(poll.id)!;
    expect(shown.all.responses).toBe(2);
    expect(shown.byMode).toBeNull();
    expect(shown.byCountry).toBeNull();
  });

  it('a quiz keeps its answer from participants until it closes, then shows a leaderboard', async () => {
    const cast = await qaCast();
    const [mod, hall] = await Promise.all([cast.moderator, cast.hall].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const options = choiceOptions('Jakarta', 'Bandung');
    options[0]!.correct = true;
    const poll = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'quiz', options, timerSeconds: 60 }));
    await untilReceived(hall!.received, (evs) => evs.some((e) => e.event === 'poll:changed' && (e.payload as PollView).id === poll.id));
    const seen = hall!.received.find((e) => e.event === 'poll:changed' && (e.payload as PollView).id === poll.id)!.payload as PollView;
    expect(seen.options.map((o) => o.correct)).toEqual([null, null]);
    expect(seen.deadline).not.toBeNull();
    await send(hall!.socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'choice', choices: [options[0]!.id] } });
    await send(mod!.socket, 'poll:close', { pollId: poll.id });
    await untilReceived(hall!.received, () => hall!.lastResults(poll.id)?.final === true);
    const board = hall!.lastResults(poll.id)!.leaderboard!;
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ rank: 1, name: 'Hana Hall' });
    expect(board[0]!.score).toBeGreaterThan(500);
  });
});

describe('roles change during a session', () => {
  it('a moderator demoted to participant stops receiving staff results at the next fan-out', async () => {
    const cast = await qaCast();
    const [mod, other, hall] = await Promise.all([cast.moderator, cast.organizer, cast.hall].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const poll = await createPoll(other!.socket, cast.sessionId, draft({ kind: 'word_cloud', resultsVisibility: 'after_close' }));
    await addMember(cast.eventId, cast.moderator, 'participant', 'in_person', 'PH');
    await send(hall!.socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'text', text: 'trust' } });
    await untilReceived(other!.received, () => other!.lastResults(poll.id)?.all.responses === 1);
    await pollBarrier(other!.socket, cast.sessionId, [mod!]);
    expect(mod!.received.filter((e) => e.event === 'poll:results' && (e.payload as PollResults).all.responses === 1)).toEqual([]);
    // And they can no longer launch anything.
    expect(await send(mod!.socket, 'poll:close', { pollId: poll.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('editing a prepared poll', () => {
  it('changes a draft, refuses a live one, and refuses participants', async () => {
    const cast = await qaCast();
    const [mod, part] = await Promise.all([cast.moderator, cast.online].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const prepared = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'open', question: 'First wording' }), false);
    expect(await send(mod!.socket, 'poll:update', { pollId: prepared.id, draft: draft({ kind: 'rating', question: 'Better wording', scaleMax: 10 }) })).toMatchObject({
      ok: true,
      data: { kind: 'rating', question: 'Better wording', scaleMax: 10, status: 'draft' },
    });
    expect(await send(part!.socket, 'poll:update', { pollId: prepared.id, draft: draft({ kind: 'open' }) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await send(mod!.socket, 'poll:launch', { pollId: prepared.id });
    expect(await send(mod!.socket, 'poll:update', { pollId: prepared.id, draft: draft({ kind: 'open' }) })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(mod!.socket, 'poll:delete', { pollId: prepared.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('timed quizzes', () => {
  it('close themselves at the deadline: the right answer and the final leaderboard reach everyone, later answers are refused', { timeout: 30_000 }, async () => {
    const cast = await qaCast();
    const [mod, hall, online] = await Promise.all([cast.moderator, cast.hall, cast.online].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const options = choiceOptions('Nusantara', 'Surabaya');
    options[0]!.correct = true;
    const quiz = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'quiz', options, timerSeconds: 5 }));
    expect(await send(hall!.socket, 'poll:answer', { pollId: quiz.id, answerId: randomUUID(), answer: { type: 'choice', choices: [options[0]!.id] } })).toMatchObject({ ok: true });
    expect(await send(online!.socket, 'poll:answer', { pollId: quiz.id, answerId: randomUUID(), answer: { type: 'choice', choices: [options[1]!.id] } })).toMatchObject({ ok: true });
    const closed = (e: { event: string; payload: unknown }) => e.event === 'poll:changed' && (e.payload as PollView).id === quiz.id && (e.payload as PollView).status === 'closed';
    await untilReceived(online!.received, (evs) => evs.some(closed), 15_000);
    const view = online!.received.find(closed)!.payload as PollView;
    expect(view.options.map((o) => o.correct)).toEqual([true, false]);
    await untilReceived(online!.received, () => online!.lastResults(quiz.id)?.final === true);
    expect(online!.lastResults(quiz.id)!.leaderboard!.map((e) => [e.rank, e.name, e.score > 0])).toEqual([
      [1, 'Hana Hall', true],
      [2, 'Omar Online', false],
    ]);
    expect(await send(mod!.socket, 'poll:answer', { pollId: quiz.id, answerId: randomUUID(), answer: { type: 'choice', choices: [options[0]!.id] } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('answering', () => {
  it.each([
    ['a choice of another poll', 'other-option', 'invalid_payload'],
    ['oversized text', 'long', 'invalid_payload'],
    ['a word too long for a cloud', 'long-word', 'invalid_payload'],
    ['the wrong answer type', 'type', 'invalid_payload'],
    ['no answer id', 'no-id', 'invalid_payload'],
    ['an unknown poll', 'unknown', 'not_found'],
  ])('refuses %s with %s and stores nothing', async (_l, kind, code) => {
    const cast = await qaCast();
    const [mod, part] = await Promise.all([cast.moderator, cast.online].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const a = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'single', options: choiceOptions('x', 'y') }));
    const b = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'single', options: choiceOptions('x', 'y') }));
    const cloud = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'word_cloud' }));
    const payloads: Record<string, unknown> = {
      'other-option': { pollId: a.id, answerId: randomUUID(), answer: { type: 'choice', choices: [b.options[0]!.id] } },
      long: { pollId: cloud.id, answerId: randomUUID(), answer: { type: 'text', text: 'x'.repeat(5000) } },
      'long-word': { pollId: cloud.id, answerId: randomUUID(), answer: { type: 'text', text: 'x'.repeat(41) } },
      type: { pollId: a.id, answerId: randomUUID(), answer: { type: 'text', text: 'x' } },
      'no-id': { pollId: a.id, answer: { type: 'choice', choices: [a.options[0]!.id] } },
      unknown: { pollId: randomUUID(), answerId: randomUUID(), answer: { type: 'text', text: 'x' } },
    };
    const ack = await send(part!.socket, 'poll:answer', payloads[kind]);
    expect(ack).toMatchObject({ ok: false, error: { code } });
    for (const p of [a, b, cloud]) expect(await stored(p.id)).toBe(0);
  });

  it('refuses an answer after close, and a second answer to a one-answer poll', async () => {
    const cast = await qaCast();
    const [mod, part] = await Promise.all([cast.moderator, cast.online].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const poll = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'word_cloud' }));
    expect(await send(part!.socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'text', text: 'trust' } })).toMatchObject({ ok: true, data: { myAnswers: 1 } });
    expect(await send(part!.socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'text', text: 'again' } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await send(mod!.socket, 'poll:close', { pollId: poll.id });
    const late = await send(mod!.socket, 'poll:answer', { pollId: poll.id, answerId: randomUUID(), answer: { type: 'text', text: 'late' } });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await stored(poll.id)).toBe(1);
  });

  it('counts a retried answer once, and refuses its id for another poll', async () => {
    const cast = await qaCast();
    const [mod, part] = await Promise.all([cast.moderator, cast.online].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const poll = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'word_cloud', multipleAnswers: true }));
    const other = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'word_cloud', multipleAnswers: true }));
    const payload = { pollId: poll.id, answerId: randomUUID(), answer: { type: 'text', text: 'trust' } };
    const acks = await Promise.all([send(part!.socket, 'poll:answer', payload), send(part!.socket, 'poll:answer', payload), send(part!.socket, 'poll:answer', payload)]);
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(await stored(poll.id)).toBe(1);
    // Several answers are allowed here, each with its own id.
    expect(await send(part!.socket, 'poll:answer', { ...payload, answerId: randomUUID() })).toMatchObject({ ok: true, data: { myAnswers: 2 } });
    expect(await send(part!.socket, 'poll:answer', { ...payload, pollId: other.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await stored(other.id)).toBe(0);
  });

  it('creating twice with one poll id makes one poll', async () => {
    const cast = await qaCast();
    const mod = await track(joinPolls(server, cast.moderator, cast.sessionId));
    const payload = { sessionId: cast.sessionId, pollId: randomUUID(), draft: draft({ kind: 'open' }), launch: true };
    const [a, b] = await Promise.all([send(mod.socket, 'poll:create', payload), send(mod.socket, 'poll:create', payload)]);
    expect(a.ok && b.ok).toBe(true);
    const d = await db();
    const rows = await d.select().from(pollsTable).where(eq(pollsTable.id, payload.pollId));
    expect(rows).toHaveLength(1);
  });
});

describe('prepared polls', () => {
  it('copy to another session of the event as a draft, never to another event', async () => {
    const cast = await qaCast();
    const mod = await track(joinPolls(server, cast.moderator, cast.sessionId));
    const poll = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'ranking', options: choiceOptions('a', 'b', 'c') }));
    const { createSession } = await import('../../lib/services/programme');
    const second = await createSession(cast.organizer.id, cast.eventId, { title: 'Day 2', description: '', startsAt: '2026-11-28T09:00', endsAt: '2026-11-28T10:00', kind: 'plenary', speakers: [], venueRoom: '', liveMode: 'meeting' });
    const copied = await send(mod.socket, 'poll:copy', { pollId: poll.id, newPollId: randomUUID(), targetSessionId: second.id });
    expect(copied).toMatchObject({ ok: true, data: { sessionId: second.id, status: 'draft', question: poll.question } });
    expect(copied.ok && copied.data.options.map((o) => o.label)).toEqual(['a', 'b', 'c']);
    expect(copied.ok && copied.data.options.map((o) => o.id).some((id) => poll.options.some((o) => o.id === id))).toBe(false);

    const elsewhere = await createEventWithSession(cast.organizer);
    await addMember(elsewhere.event.id, cast.moderator, 'moderator');
    expect(await send(mod.socket, 'poll:copy', { pollId: poll.id, newPollId: randomUUID(), targetSessionId: elsewhere.session.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('exports answers as CSV for moderators, without authors of anonymous polls', async () => {
    const cast = await qaCast();
    const [mod, hall] = await Promise.all([cast.moderator, cast.hall].map((u) => track(joinPolls(server, u, cast.sessionId))));
    const named = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'word_cloud', question: 'One word' }));
    const anon = await createPoll(mod!.socket, cast.sessionId, draft({ kind: 'open', question: 'Secret', anonymous: true }));
    await send(hall!.socket, 'poll:answer', { pollId: named.id, answerId: randomUUID(), answer: { type: 'text', text: '=cmd' } });
    await send(hall!.socket, 'poll:answer', { pollId: anon.id, answerId: randomUUID(), answer: { type: 'text', text: 'hidden author' } });
    const { csv } = await exportPollsCsv(cast.moderator.id, cast.sessionId);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('poll_id,poll,kind,status,answer_id,answer,score,origin,country,author,answered_at');
    expect(lines.find((l) => l.startsWith(named.id))).toContain(`"'=cmd",,hall,ID,Hana Hall,`);
    expect(lines.find((l) => l.startsWith(anon.id))).toContain('hidden author,,hall,ID,,');
    await expect(exportPollsCsv(cast.online.id, cast.sessionId)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
