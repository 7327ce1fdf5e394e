import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { lobbyEntry } from '../../lib/db/queries/engage';
import { connectAs, send, startTestServer, type TestSocket } from '../fixtures/server';
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

async function lobbyOn() {
  const cast = await qaCast();
  const mod = await watch(recorder(server, cast.moderator));
  const joined = await send(mod.socket, 'lobby:join', { sessionId: cast.sessionId });
  expect(joined).toMatchObject({ ok: true, data: { enabled: false, me: { standing: 'open' }, waiting: [], can: { manage: true } } });
  expect(await send(mod.socket, 'lobby:set', { sessionId: cast.sessionId, enabled: true })).toMatchObject({ ok: true, data: { enabled: true } });
  return { cast, mod };
}

describe('lobby', () => {
  it('is off by default: a participant joins presence and the call at once', async () => {
    const cast = await qaCast();
    const s = await connectAs(server, cast.online);
    open.push(s);
    expect((await send(s, 'presence:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect((await send(s, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
  });

  it('keeps a participant waiting and refused by presence and media until a moderator admits them', async () => {
    const { cast, mod } = await lobbyOn();
    const part = await watch(recorder(server, cast.online));
    expect(await send(part.socket, 'lobby:join', { sessionId: cast.sessionId })).toMatchObject({
      ok: true,
      data: { enabled: true, me: { standing: 'waiting' }, waiting: null, can: { manage: false } },
    });
    await until(mod, () => mod.of('lobby:waiting').some((w) => w.waiting.some((e) => e.userId === cast.online.id)), 'moderator sees the waiting person');
    expect(mod.of('lobby:waiting').at(-1)!.waiting.map((e) => e.name)).toEqual(['Omar Online']);

    expect(await send(part.socket, 'presence:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(part.socket, 'media:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await send(mod.socket, 'lobby:admit', { sessionId: cast.sessionId, userIds: [cast.online.id] })).toMatchObject({ ok: true, data: { admitted: [cast.online.id] } });
    await until(part, () => part.of('lobby:decided').length > 0, 'decision');
    expect(part.of('lobby:decided')).toEqual([{ sessionId: cast.sessionId, standing: 'admitted', message: '' }]);
    await until(mod, () => mod.of('lobby:waiting').at(-1)!.waiting.length === 0, 'waiting list emptied');
    expect((await send(part.socket, 'presence:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect((await send(part.socket, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
    // A reconnect finds the admission in the database.
    const again = await connectAs(server, cast.online);
    open.push(again);
    expect(await send(again, 'lobby:join', { sessionId: cast.sessionId })).toMatchObject({ ok: true, data: { me: { standing: 'admitted' } } });
    expect((await send(again, 'presence:join', { sessionId: cast.sessionId })).ok).toBe(true);
  });

  it('denies with a message the person sees, now and when they come back', async () => {
    const { cast, mod } = await lobbyOn();
    const part = await watch(recorder(server, cast.hall));
    await send(part.socket, 'lobby:join', { sessionId: cast.sessionId });
    expect(await send(mod.socket, 'lobby:deny', { sessionId: cast.sessionId, userId: cast.hall.id, message: 'This session is for speakers only.' })).toMatchObject({ ok: true });
    await until(part, () => part.of('lobby:decided').length > 0, 'decision');
    expect(part.of('lobby:decided')[0]).toEqual({ sessionId: cast.sessionId, standing: 'denied', message: 'This session is for speakers only.' });
    expect(await send(part.socket, 'presence:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(part.socket, 'lobby:join', { sessionId: cast.sessionId })).toMatchObject({
      ok: true,
      data: { me: { standing: 'denied', message: 'This session is for speakers only.' } },
    });
    // Denying someone who does not wait is not_found; a message too long is invalid.
    expect(await send(mod.socket, 'lobby:deny', { sessionId: cast.sessionId, userId: cast.hall.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await send(mod.socket, 'lobby:deny', { sessionId: cast.sessionId, userId: cast.hall.id, message: 'x'.repeat(301) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('admits everyone who waits at once, and lets staff in without waiting', async () => {
    const { cast, mod } = await lobbyOn();
    const a = await connectAs(server, cast.online);
    const b = await connectAs(server, cast.other);
    const presenter = await connectAs(server, cast.presenter);
    open.push(a, b, presenter);
    await send(a, 'lobby:join', { sessionId: cast.sessionId });
    await send(b, 'lobby:join', { sessionId: cast.sessionId });
    expect(await send(presenter, 'lobby:join', { sessionId: cast.sessionId })).toMatchObject({ ok: true, data: { me: { standing: 'open' }, waiting: null } });
    expect((await send(presenter, 'presence:join', { sessionId: cast.sessionId })).ok).toBe(true);
    const res = await send(mod.socket, 'lobby:admit', { sessionId: cast.sessionId, userIds: 'all' });
    expect(res.ok && [...res.data.admitted].sort()).toEqual([cast.online.id, cast.other.id].sort());
    expect((await send(a, 'presence:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect((await send(b, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
  });

  it('keeps in those already present when the lobby is switched on', async () => {
    const cast = await qaCast();
    const mod = await watch(recorder(server, cast.moderator));
    await send(mod.socket, 'lobby:join', { sessionId: cast.sessionId });
    const here = await connectAs(server, cast.online);
    open.push(here);
    expect((await send(here, 'presence:join', { sessionId: cast.sessionId })).ok).toBe(true);
    await send(mod.socket, 'lobby:set', { sessionId: cast.sessionId, enabled: true });
    expect(await lobbyEntry(cast.sessionId, cast.online.id)).toMatchObject({ status: 'admitted' });
    expect((await send(here, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
  });

  it.each([
    ['participant', 'other'],
    ['presenter', 'presenter'],
  ] as const)('a %s cannot switch the lobby, admit or deny, and nothing changes', async (_label, who) => {
    const { cast } = await lobbyOn();
    const waiting = await connectAs(server, cast.online);
    const actor = await connectAs(server, cast[who]);
    open.push(waiting, actor);
    await send(waiting, 'lobby:join', { sessionId: cast.sessionId });
    expect(await send(actor, 'lobby:admit', { sessionId: cast.sessionId, userIds: [cast.online.id] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(actor, 'lobby:admit', { sessionId: cast.sessionId, userIds: 'all' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(actor, 'lobby:deny', { sessionId: cast.sessionId, userId: cast.online.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(actor, 'lobby:set', { sessionId: cast.sessionId, enabled: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await lobbyEntry(cast.sessionId, cast.online.id)).toMatchObject({ status: 'waiting' });
    expect(await send(waiting, 'presence:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses bad payloads', async () => {
    const { cast, mod } = await lobbyOn();
    expect(await send(mod.socket, 'lobby:admit', { sessionId: cast.sessionId, userIds: [] })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(mod.socket, 'lobby:admit', { sessionId: cast.sessionId, userIds: ['nope'] })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(mod.socket, 'lobby:set', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
