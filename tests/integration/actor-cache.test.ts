import { describe, expect, it } from 'vitest';
import { addMember, createEventWithSession, createUser, send, type TestSocket } from '../fixtures/server';
import { mid } from '../fixtures/qa';
import { useTestServer } from '../fixtures/test-server';

/**
 * The pipeline caches each socket's standing where it acts, and shares one
 * standing between everyone with the same role, mode, country and
 * organisation in one place. Sharing must never let one person's change
 * reach another, and a socket acting in more places than it caches must be
 * answered right in each.
 */
const { as } = useTestServer();
const moderate = (socket: TestSocket, sessionId: string) => send(socket, 'qa:set-moderation', { mutationId: mid(), sessionId, moderation: 'post' });

describe('the actor cache', () => {
  it('two people with the same standing share it, and a role change of one leaves the other as they were', async () => {
    const organizer = await createUser('Organizer');
    const { event, session } = await createEventWithSession(organizer);
    const [ana, budi] = await Promise.all([createUser('Ana'), createUser('Budi')]);
    await addMember(event.id, ana!, 'participant', 'remote', 'ID');
    await addMember(event.id, budi!, 'participant', 'remote', 'ID');
    const [a, b] = await Promise.all([as(ana!), as(budi!)]);
    expect(await moderate(a, session.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await moderate(b, session.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await addMember(event.id, ana!, 'moderator', 'remote', 'ID');
    expect(await moderate(a, session.id)).toMatchObject({ ok: true });
    expect(await moderate(b, session.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(b, 'qa:join', { sessionId: session.id })).toMatchObject({ ok: true, data: { can: { moderate: false } } });
    expect(await send(a, 'qa:join', { sessionId: session.id })).toMatchObject({ ok: true, data: { can: { moderate: true } } });

    // And back: the demoted one is refused again, the other never changed.
    await addMember(event.id, ana!, 'participant', 'remote', 'ID');
    expect(await moderate(a, session.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await moderate(b, session.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a socket acting in more places than it caches is answered by its role in each, before and after a change', async () => {
    const organizer = await createUser('Organizer of six');
    const person = await createUser('Moves around');
    // Six events: a moderator in the even ones, a participant in the odd ones.
    const places = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const { event, session } = await createEventWithSession(organizer);
        await addMember(event.id, person, i % 2 ? 'participant' : 'moderator');
        return { eventId: event.id, sessionId: session.id, moderator: i % 2 === 0 };
      }),
    );
    const socket = await as(person);
    const answers = async () => (await Promise.all(places.map((p) => moderate(socket, p.sessionId)))).map((a) => a.ok);
    const sequential = async () => {
      const out: boolean[] = [];
      for (const p of places) out.push((await moderate(socket, p.sessionId)).ok);
      return out;
    };
    const expected = places.map((p) => p.moderator);
    expect(await sequential()).toEqual(expected);
    expect(await sequential()).toEqual(expected);
    expect(await answers()).toEqual(expected);

    // Promoted in the first odd one: only that answer changes, wherever the cache had it.
    await addMember(places[1]!.eventId, person, 'moderator');
    const after = expected.map((m, i) => m || i === 1);
    expect(await sequential()).toEqual(after);
    expect(await sequential()).toEqual(after);
  });
});
