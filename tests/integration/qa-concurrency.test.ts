import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { qaVotes } from '../../lib/db/schema';
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

describe('concurrent votes', () => {
  it('200 people voting at once (each sending their vote twice) give exactly 200', { timeout: 120_000 }, async () => {
    const cast = await qaCast();
    const author = await joinQa(server, cast.hall, cast.sessionId);
    open.push(author.socket);
    const q = await ask(author.socket, cast.sessionId, 'Which session should we repeat tomorrow?');

    const voters = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const user = await createUser(`Voter ${i}`);
        await addMember(cast.eventId, user, 'participant', i % 2 ? 'remote' : 'in_person');
        const socket = await connectAs(server, user);
        open.push(socket);
        return socket;
      }),
    );
    // Every vote is sent twice with the same id, as a client retrying after a lost ack would.
    // (A generous ack timeout: 400 requests at once on a shared 2-core machine can queue for a while.)
    type VoteAck = Awaited<ReturnType<typeof send<'qa:vote'>>>;
    const vote = (socket: TestSocket, payload: unknown) =>
      (socket.timeout(60_000).emitWithAck as unknown as (n: string, p: unknown) => Promise<VoteAck>)('qa:vote', payload);
    const acks = await Promise.all(
      voters.flatMap((socket) => {
        const payload = { mutationId: mid(), questionId: q.id, voted: true };
        return [vote(socket, payload), vote(socket, payload)];
      }),
    );
    expect(acks.filter((a) => !a.ok)).toEqual([]);

    const d = await db();
    const [stored] = await d.select({ n: count() }).from(qaVotes).where(eq(qaVotes.questionId, q.id));
    expect(stored!.n).toBe(200);
    const snap = await (author.socket.timeout(60_000).emitWithAck as unknown as (n: string, p: unknown) => Promise<Awaited<ReturnType<typeof send<'qa:join'>>>>)('qa:join', { sessionId: cast.sessionId });
    expect(snap.ok && snap.data.questions.find((x) => x.id === q.id)?.voteCount).toBe(200);
    // The highest count any ack reported is the final one: no update was lost.
    expect(Math.max(...acks.map((a) => (a.ok ? a.data.voteCount : 0)))).toBe(200);
  });
});
