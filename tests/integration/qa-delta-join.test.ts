import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { send, startTestServer, type TestSocket } from '../fixtures/server';
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

describe('re-joining Q&A with what the browser holds', () => {
  it('answers only what changed, names what left the list, and never names a question the browser did not hold', async () => {
    const cast = await qaCast();
    const mod = await joinQa(server, cast.moderator, cast.sessionId);
    const author = await joinQa(server, cast.hall, cast.sessionId);
    const online = await joinQa(server, cast.online, cast.sessionId);
    open.push(mod.socket, author.socket, online.socket);
    const [a, b, c] = [await ask(author.socket, cast.sessionId, 'Question A'), await ask(author.socket, cast.sessionId, 'Question B'), await ask(author.socket, cast.sessionId, 'Question C')];
    const first = await send(online.socket, 'qa:join', { sessionId: cast.sessionId });
    expect(first.ok && first.data.delta).toBeUndefined();
    const have = Object.fromEntries((first.ok ? first.data.questions : []).map((q) => [q.id, q.rev]));
    expect(Object.keys(have).sort()).toEqual([a.id, b.id, c.id].sort());

    // While "away": B gets a vote, C is rejected, D is asked, and a pending one exists that the participant never saw.
    expect((await send(mod.socket, 'qa:vote', { mutationId: mid(), questionId: b.id, voted: true })).ok).toBe(true);
    expect((await send(mod.socket, 'qa:moderate', { mutationId: mid(), questionId: c.id, action: { type: 'reject', reason: 'Off topic' } })).ok).toBe(true);
    const d = await ask(author.socket, cast.sessionId, 'Question D');
    expect((await send(mod.socket, 'qa:set-moderation', { mutationId: mid(), sessionId: cast.sessionId, moderation: 'pre' })).ok).toBe(true);
    const hidden = await ask(author.socket, cast.sessionId, 'Pending question');
    expect(hidden.status).toBe('pending');

    const again = await send(online.socket, 'qa:join', { sessionId: cast.sessionId, have });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.data.delta).toBe(true);
    expect(again.data.questions.map((q) => q.id).sort()).toEqual([b.id, d.id].sort());
    expect(again.data.questions.find((q) => q.id === b.id)?.voteCount).toBe(1);
    expect(again.data.removed).toEqual([c.id]);
    expect(JSON.stringify(again.data)).not.toContain(hidden.id);
    expect(again.data.settings.moderation).toBe('pre');

    // Nothing changed since: an empty delta.
    const held = Object.fromEntries([a, ...again.data.questions].map((q) => [q.id, q.rev]));
    const quiet = await send(online.socket, 'qa:join', { sessionId: cast.sessionId, have: held });
    expect(quiet.ok && quiet.data).toMatchObject({ delta: true, questions: [], removed: [] });
  });

  it('refuses a malformed holding with the contract’s error', async () => {
    const cast = await qaCast();
    const online = await joinQa(server, cast.online, cast.sessionId);
    open.push(online.socket);
    expect(await send(online.socket, 'qa:join', { sessionId: cast.sessionId, have: { 'not-an-id': 1 } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(online.socket, 'qa:join', { sessionId: cast.sessionId, have: { [mid()]: -1 } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
