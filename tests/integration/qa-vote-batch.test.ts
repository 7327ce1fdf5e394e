import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { qaMutations, qaQuestions, qaVotes } from '../../lib/db/schema';
import { submitVote } from '../../lib/services/qa-vote-batch';
import { QA_LIMITS } from '../../lib/services/qa-rate-limit';
import { addMember, connectAs, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';
import { ask, joinQa, mid, qaCast } from '../fixtures/qa';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

async function storedVotes(questionId: string) {
  const d = await db();
  const [n] = await d.select({ n: count() }).from(qaVotes).where(eq(qaVotes.questionId, questionId));
  const [q] = await d.select({ voteCount: qaQuestions.voteCount, rev: qaQuestions.rev }).from(qaQuestions).where(eq(qaQuestions.id, questionId));
  return { rows: n!.n, ...q! };
}

describe('votes committed together', () => {
  it('a person’s vote, unvote and vote sent at once apply in order; a retry in the same moment counts once', async () => {
    const cast = await qaCast();
    const author = await joinQa(server, cast.hall, cast.sessionId);
    open.push(author.socket);
    const q = await ask(author.socket, cast.sessionId, 'Order of votes in one batch?');
    const voter = await connectAs(server, cast.online);
    open.push(voter);
    const first = { mutationId: mid(), questionId: q.id, voted: true };
    // No await between sends: they reach the server in one burst and share a commit.
    const acks = await Promise.all([
      send(voter, 'qa:vote', first),
      send(voter, 'qa:vote', first),
      send(voter, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: false }),
      send(voter, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: true }),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    // The retry answers with how things stood when it was answered; the three changes answer with themselves.
    expect([acks[0], acks[2], acks[3]].map((a) => a!.ok && a!.data.voted)).toEqual([true, false, true]);
    expect(await storedVotes(q.id)).toMatchObject({ rows: 1, voteCount: 1 });
    const d = await db();
    const [m] = await d.select({ n: count() }).from(qaMutations).where(and(eq(qaMutations.userId, cast.online.id), eq(qaMutations.kind, 'vote')));
    expect(m!.n).toBe(3);
  });

  it('past the per-person limit only the extra votes are refused, and they record nothing', async () => {
    const cast = await qaCast();
    const author = await joinQa(server, cast.hall, cast.sessionId);
    open.push(author.socket);
    const questions: Awaited<ReturnType<typeof ask>>[] = [];
    for (let i = 0; i < 5; i++) questions.push(await ask(author.socket, cast.sessionId, `Question ${i}`));
    const voter = await connectAs(server, cast.other);
    open.push(voter);
    // Up and down on five questions, one more time than the per-minute limit allows, all at once.
    const n = QA_LIMITS.votesPerMinute + 4;
    const acks = await Promise.all(Array.from({ length: n }, (_, i) => send(voter, 'qa:vote', { mutationId: mid(), questionId: questions[i % 5]!.id, voted: Math.floor(i / 5) % 2 === 0 })));
    expect(acks.filter((a) => a.ok)).toHaveLength(QA_LIMITS.votesPerMinute);
    expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['rate_limited', 'rate_limited', 'rate_limited', 'rate_limited']);
    const d = await db();
    const [m] = await d.select({ n: count() }).from(qaMutations).where(and(eq(qaMutations.userId, cast.other.id), eq(qaMutations.kind, 'vote')));
    expect(m!.n).toBe(QA_LIMITS.votesPerMinute);
    // Each question's count is what its vote rows say.
    for (const q of questions) {
      const s = await storedVotes(q.id);
      expect(s.voteCount).toBe(s.rows);
    }
  });

  it('a vote for a question closed meanwhile is refused in its batch without sinking the others', async () => {
    const cast = await qaCast();
    const author = await joinQa(server, cast.hall, cast.sessionId);
    open.push(author.socket);
    const openQ = await ask(author.socket, cast.sessionId, 'Still open');
    const closedQ = await ask(author.socket, cast.sessionId, 'Closed a moment ago');
    const d = await db();
    await d.update(qaQuestions).set({ status: 'answered' }).where(eq(qaQuestions.id, closedQ.id));
    const base = { voted: true };
    const [a, b, c] = await Promise.allSettled([
      submitVote({ ...base, userId: cast.online.id, mutationId: mid(), questionId: openQ.id }),
      submitVote({ ...base, userId: cast.online.id, mutationId: mid(), questionId: closedQ.id }),
      submitVote({ ...base, userId: cast.other.id, mutationId: mid(), questionId: openQ.id }),
    ]);
    expect(a).toMatchObject({ status: 'fulfilled', value: { kind: 'applied', changed: true } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    expect(c).toMatchObject({ status: 'fulfilled', value: { kind: 'applied', changed: true, voteCount: 2 } });
    expect(await storedVotes(openQ.id)).toMatchObject({ rows: 2, voteCount: 2 });
    expect(await storedVotes(closedQ.id)).toMatchObject({ rows: 0, voteCount: 0 });
  });

  it('a burst of votes reaches every client as a few count notices, in revision order, ending at the exact count', { timeout: 120_000 }, async () => {
    const cast = await qaCast();
    const author = await joinQa(server, cast.hall, cast.sessionId);
    open.push(author.socket);
    const q = await ask(author.socket, cast.sessionId, 'Burst');
    const watcher = await joinQa(server, cast.presenter, cast.sessionId);
    open.push(watcher.socket);
    const voters = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const user = await createUser(`Burst voter ${i}`);
        await addMember(cast.eventId, user, 'participant');
        const socket = await connectAs(server, user);
        open.push(socket);
        return socket;
      }),
    );
    const acks = await Promise.all(voters.map((s) => send(s, 'qa:vote', { mutationId: mid(), questionId: q.id, voted: true })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const notices = () => watcher.received.filter((r) => r.event === 'qa:votes-changed').map((r) => r.payload as { voteCount: number; rev: number });
    await expect.poll(() => notices().at(-1)?.voteCount, { timeout: 10_000 }).toBe(100);
    const revs = notices().map((n) => n.rev);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(new Set(revs).size).toBe(revs.length);
    expect(revs.length).toBeLessThan(100);
    expect(await storedVotes(q.id)).toMatchObject({ rows: 100, voteCount: 100 });
  });
});
