import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import type { PollResults } from '../../lib/contracts/polls';
import { db } from '../../lib/db/client';
import { pollResponses } from '../../lib/db/schema';
import { addMember, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';
import { choiceOptions, createPoll, draft, joinPolls, untilReceived, type PollClient } from '../fixtures/polls';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

type AnswerAck = Awaited<ReturnType<typeof send<'poll:answer'>>>;
// A generous ack timeout: 400 requests at once on a shared 2-core machine can queue for a while.
const answer = (socket: TestSocket, payload: unknown) => (socket.timeout(90_000).emitWithAck as unknown as (n: string, p: unknown) => Promise<AnswerAck>)('poll:answer', payload);

describe('200 people answering at once', () => {
  it('each sending their answer twice: counts exact in the database and in every client’s last result, fanned out coalesced', { timeout: 180_000 }, async () => {
    const cast = await qaCast();
    const mod = await joinPolls(server, cast.moderator, cast.sessionId);
    open.push(mod.socket);
    const options = choiceOptions('Trust', 'Market access', 'Finance');
    const poll = await createPoll(mod.socket, cast.sessionId, draft({ kind: 'single', options }));

    const clients: PollClient[] = [];
    for (let i = 0; i < 200; i += 50) {
      clients.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, 200 - i) }, async (_, j) => {
            const user = await createUser(`Voter ${i + j}`);
            await addMember(cast.eventId, user, 'participant', (i + j) % 2 ? 'remote' : 'in_person', (i + j) % 3 ? 'ID' : 'PH');
            const c = await joinPolls(server, user, cast.sessionId);
            open.push(c.socket);
            return c;
          }),
        )),
      );
    }
    // Every answer is sent twice with the same id, as a client retrying after a lost ack would.
    const acks = await Promise.all(
      clients.flatMap((c, i) => {
        const payload = { pollId: poll.id, answerId: randomUUID(), answer: { type: 'choice', choices: [options[i % 3]!.id] } };
        return [answer(c.socket, payload), answer(c.socket, payload)];
      }),
    );
    expect(acks.filter((a) => !a.ok)).toEqual([]);

    const d = await db();
    const [stored] = await d.select({ n: count() }).from(pollResponses).where(eq(pollResponses.pollId, poll.id));
    expect(stored!.n).toBe(200);

    const expected = [67, 67, 66];
    const final = (r: PollResults | undefined) => r?.all.responses === 200;
    await Promise.all([mod, ...clients].map((c) => untilReceived(c.received, () => final(c.lastResults(poll.id)), 60_000)));
    for (const c of clients) {
      const last = c.lastResults(poll.id)!;
      expect(last.all.options.map((o) => o.count)).toEqual(expected);
      expect(last.byMode).toBeNull();
    }
    const staff = mod.lastResults(poll.id)!;
    expect(staff.byMode!.in_person.responses + staff.byMode!.remote.responses).toBe(200);
    expect(staff.byMode!.in_person.responses).toBe(100);
    expect(staff.byCountry!.reduce((s, c) => s + c.responses, 0)).toBe(200);

    // Coalesced: far fewer result messages than answers reached each client.
    const perClient = clients.map((c) => c.received.filter((e) => e.event === 'poll:results').length);
    expect(Math.max(...perClient)).toBeLessThan(100);
  });
});
