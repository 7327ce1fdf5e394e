import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { handQueue } from '../../lib/db/queries/engage';
import { livePerson } from '../../lib/db/queries/media';
import { connectAs, send, startTestServer, type TestSocket } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';
import { handBarrier, recorder, until, type Recorder } from '../fixtures/engage';

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
const lastQueue = (r: Recorder) => r.of('hand:queue').at(-1)?.queue ?? [];

describe('raised hands', () => {
  it('lists hands in order of raising, from hall phones and the call alike, to presenters and moderators only', async () => {
    const cast = await qaCast();
    const mod = await watch(recorder(server, cast.moderator));
    const presenter = await watch(recorder(server, cast.presenter));
    const phone = await watch(recorder(server, cast.hall));
    const online = await watch(recorder(server, cast.online));
    expect(await send(mod.socket, 'hand:join', { sessionId: cast.sessionId })).toMatchObject({ ok: true, data: { queue: [], mine: null, can: { manage: true } } });
    expect(await send(presenter.socket, 'hand:join', { sessionId: cast.sessionId })).toMatchObject({ ok: true, data: { queue: [], can: { manage: false } } });
    expect(await send(phone.socket, 'hand:join', { sessionId: cast.sessionId })).toMatchObject({ ok: true, data: { queue: null, can: { manage: false } } });

    // The hall phone never joins the call; the online participant raises through the call's own button.
    const raised = await send(phone.socket, 'hand:raise', { sessionId: cast.sessionId, raised: true });
    expect(raised.ok && raised.data.raisedAt).toEqual(expect.any(String));
    expect((await send(online.socket, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect((await send(online.socket, 'media:raise-hand', { raised: true })).ok).toBe(true);
    await until(mod, () => lastQueue(mod).length === 2, 'two hands');
    const q = lastQueue(mod);
    expect(q.map((h) => [h.name, h.inCall])).toEqual([
      ['Hana Hall', false],
      ['Omar Online', true],
    ]);
    expect(Date.parse(q[0]!.raisedAt)).toBeLessThanOrEqual(Date.parse(q[1]!.raisedAt));
    await until(presenter, () => lastQueue(presenter).length === 2, 'presenter sees the queue');
    await until(phone, () => phone.of('hand:mine').length === 1, 'own hand');
    expect(phone.of('hand:mine')[0]).toMatchObject({ raisedAt: raised.ok ? raised.data.raisedAt : '' });

    // Raising again keeps the place in the queue.
    await send(phone.socket, 'hand:raise', { sessionId: cast.sessionId, raised: true });
    expect((await handQueue(cast.sessionId)).map((h) => h.userId)).toEqual([cast.hall.id, cast.online.id]);

    // Participants never receive the queue.
    await handBarrier(mod.socket, cast.sessionId, [mod, presenter]);
    expect(phone.of('hand:queue')).toEqual([]);
    expect(online.of('hand:queue')).toEqual([]);

    // The hall phone's person opens the call later: the call shows the hand already up.
    const late = await connectAs(server, cast.hall);
    open.push(late);
    const joined = await send(late, 'media:join', { sessionId: cast.sessionId });
    expect(joined.ok && joined.data.peers.find((p) => p.userId === cast.online.id)?.handRaised).toBe(true);
    await until(online, () => online.of('media:peer-updated').some((u) => u.peer.userId === cast.hall.id && u.peer.handRaised), 'call shows the earlier hand');

    // Lowering one's own hand.
    await send(online.socket, 'media:raise-hand', { raised: false });
    await until(mod, () => lastQueue(mod).length === 1, 'lowered');
    expect(lastQueue(mod)[0]!.userId).toBe(cast.hall.id);
  });

  it('lets a moderator lower a hand and invite a person from the queue to the stage', async () => {
    const cast = await qaCast();
    const mod = await watch(recorder(server, cast.moderator));
    const phone = await watch(recorder(server, cast.hall));
    const online = await watch(recorder(server, cast.online));
    await send(mod.socket, 'hand:join', { sessionId: cast.sessionId });
    await send(phone.socket, 'hand:join', { sessionId: cast.sessionId });
    await send(online.socket, 'hand:join', { sessionId: cast.sessionId });
    await send(phone.socket, 'hand:raise', { sessionId: cast.sessionId, raised: true });
    await send(online.socket, 'hand:raise', { sessionId: cast.sessionId, raised: true });

    expect(await send(mod.socket, 'hand:lower', { sessionId: cast.sessionId, userId: cast.hall.id })).toMatchObject({ ok: true });
    await until(phone, () => phone.of('hand:mine').at(-1)?.raisedAt === null, 'phone told its hand is down');

    expect((await send(online.socket, 'media:join', { sessionId: cast.sessionId })).ok).toBe(true);
    expect(await send(mod.socket, 'hand:invite', { sessionId: cast.sessionId, userId: cast.online.id })).toMatchObject({ ok: true });
    await until(online, () => online.of('hand:invited').length === 1, 'invited');
    expect(await livePerson(cast.sessionId, cast.online.id)).toMatchObject({ onStage: true });
    // The call's existing stage mechanism re-reads the invited peer's rights.
    await until(online, () => online.of('media:grants-changed').length > 0, 'grants re-read');
    await until(mod, () => lastQueue(mod).length === 0, 'queue empty');
    expect(await send(mod.socket, 'hand:invite', { sessionId: cast.sessionId, userId: cast.online.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it.each([
    ['participant', 'other'],
    ['presenter', 'presenter'],
  ] as const)('a %s cannot lower another hand or invite to the stage, and nothing changes', async (_label, who) => {
    const cast = await qaCast();
    const raiser = await connectAs(server, cast.online);
    const actor = await connectAs(server, cast[who]);
    open.push(raiser, actor);
    await send(raiser, 'hand:raise', { sessionId: cast.sessionId, raised: true });
    expect(await send(actor, 'hand:lower', { sessionId: cast.sessionId, userId: cast.online.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(actor, 'hand:invite', { sessionId: cast.sessionId, userId: cast.online.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await handQueue(cast.sessionId)).map((h) => h.userId)).toEqual([cast.online.id]);
    expect(await livePerson(cast.sessionId, cast.online.id)).toMatchObject({ onStage: false });
  });

  it('refuses outsiders and bad payloads', async () => {
    const cast = await qaCast();
    const outsider = await connectAs(server, cast.outsider);
    const s = await connectAs(server, cast.online);
    open.push(outsider, s);
    expect(await send(outsider, 'hand:raise', { sessionId: cast.sessionId, raised: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(outsider, 'hand:join', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(s, 'hand:raise', { sessionId: cast.sessionId })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(s, 'hand:lower', { sessionId: cast.sessionId, userId: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await handQueue(cast.sessionId)).toEqual([]);
  });
});
