import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { REACTION_BURST, REACTION_EMOJIS, type ReactionCounts } from '../../lib/contracts/reactions';
import { createDisplayLink } from '../../lib/services/display-links';
import { io as connectClient } from 'socket.io-client';
import { addMember, connectAs, connected, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';
import { recorder, until, type Recorder } from '../fixtures/engage';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

const watch = async (r: Promise<Recorder>) => {
  const rec = await r;
  open.push(rec.socket);
  return rec;
};
const sum = (bursts: { counts: ReactionCounts }[]) => {
  const out: Record<string, number> = {};
  for (const b of bursts) for (const [e, n] of Object.entries(b.counts)) out[e] = (out[e] ?? 0) + n!;
  return out;
};
const totalOf = (r: Recorder) => r.of('reaction:burst').reduce((n, b) => n + b.total, 0);

describe('reactions', () => {
  it('a burst from many people arrives as a few messages with exact counts per emoji, on the stage and the projector link', async () => {
    const cast = await qaCast();
    const senders = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const u = await createUser(`Clapper ${i}`);
        await addMember(cast.eventId, u, 'participant', i % 2 ? 'in_person' : 'remote');
        const s = await connectAs(server, u);
        open.push(s);
        return s;
      }),
    );
    const stage = await watch(recorder(server, cast.moderator));
    const presenter = await watch(recorder(server, cast.presenter));
    expect((await send(stage.socket, 'reaction:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect((await send(presenter.socket, 'reaction:join', { sessionId: cast.sessionId })).ok).toBe(true);
    const { path } = await createDisplayLink(cast.moderator.id, cast.sessionId, 'Hall');
    const projectorSocket = connectClient(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { displayToken: path.split('/').pop() },
      reconnection: false,
      forceNew: true,
    }) as TestSocket;
    open.push(projectorSocket);
    const projector: Recorder = { socket: projectorSocket, received: [], of: (n) => projector.received.filter((e) => e.event === n).map((e) => e.payload as never) };
    projectorSocket.onAny((event: string, payload: unknown) => projector.received.push({ event, payload }));
    await connected(projectorSocket);
    expect((await send(projectorSocket, 'display:join', {})).ok).toBe(true);

    // 8 people × 5 reactions, all at once, cycling through the emojis.
    const expected: Record<string, number> = {};
    const sends = senders.flatMap((s, i) =>
      Array.from({ length: 5 }, (_, j) => {
        const emoji = REACTION_EMOJIS[(i + j) % REACTION_EMOJIS.length]!;
        expected[emoji] = (expected[emoji] ?? 0) + 1;
        return send(s, 'reaction:send', { sessionId: cast.sessionId, emoji });
      }),
    );
    const acks = await Promise.all(sends);
    expect(acks.every((a) => a.ok)).toBe(true);
    const sent = acks.length;
    for (const r of [stage, presenter, projector]) {
      await until(r, () => totalOf(r) >= sent, 'all reactions counted');
      expect(totalOf(r)).toBe(sent);
      expect(sum(r.of('reaction:burst'))).toEqual(expected);
      // Coalesced: 40 reactions reach each screen in a handful of messages, not 40.
      expect(r.of('reaction:burst').length).toBeLessThanOrEqual(4);
    }
  });

  it('refuses a person sending too fast with rate_limited and a retry-after, and does not count the refused ones', async () => {
    const cast = await qaCast();
    const stage = await watch(recorder(server, cast.moderator));
    await send(stage.socket, 'reaction:join', { sessionId: cast.sessionId });
    const fast = await connectAs(server, cast.online);
    open.push(fast);
    const acks = await Promise.all(Array.from({ length: REACTION_BURST + 3 }, () => send(fast, 'reaction:send', { sessionId: cast.sessionId, emoji: '👏' })));
    const ok = acks.filter((a) => a.ok).length;
    const refused = acks.filter((a) => !a.ok);
    expect(ok).toBe(REACTION_BURST);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      const after = !r.ok ? r.error.retryAfterMs : undefined;
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThanOrEqual(1000);
    }
    // Someone else is not slowed down by the first person's flood.
    expect((await send(await connectAs(server, cast.hall).then((s) => (open.push(s), s)), 'reaction:send', { sessionId: cast.sessionId, emoji: '🎉' })).ok).toBe(true);
    await until(stage, () => totalOf(stage) >= REACTION_BURST + 1, 'counted');
    expect(sum(stage.of('reaction:burst'))).toEqual({ '👏': REACTION_BURST, '🎉': 1 });
  });

  it('refuses an unknown emoji as invalid_payload and an outsider as forbidden', async () => {
    const cast = await qaCast();
    const s = await connectAs(server, cast.online);
    const outsider = await connectAs(server, cast.outsider);
    open.push(s, outsider);
    expect(await send(s, 'reaction:send', { sessionId: cast.sessionId, emoji: '💩' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(s, 'reaction:send', { sessionId: 'nope', emoji: '👏' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(outsider, 'reaction:send', { sessionId: cast.sessionId, emoji: '👏' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(outsider, 'reaction:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
