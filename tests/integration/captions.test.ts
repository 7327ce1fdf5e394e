import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { transcriptOf } from '../../lib/db/queries/captions';
import { addMember, createEventWithSession, createUser, nextEvent, send } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';

const testServer = useTestServer();
const { as } = testServer;

const code = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error!.code);

async function captionedSession() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'webinar');
  const captioner = await createUser('Cara Captioner');
  const viewer = await createUser('Vera Viewer');
  await addMember(event.id, captioner, 'participant');
  await addMember(event.id, viewer, 'participant');
  const org = await as(organizer);
  expect(code(await send(org, 'captions:assign', { sessionId: session.id, userId: captioner.id, assigned: true }))).toBe('ok');
  return { organizer, org, event, session, captioner, viewer };
}

describe('human captions', () => {
  it('broadcasts lines as typed, stores only final ones once, and replays them to late joiners', async () => {
    const { session, captioner, viewer } = await captionedSession();
    const cart = await as(captioner);
    const watch = await as(viewer);
    const joined = await send(cart, 'captions:join', { sessionId: session.id });
    expect(joined.ok && { captioner: joined.data.captioner, lines: joined.data.lines }).toEqual({ captioner: true, lines: [] });
    const seen = await send(watch, 'captions:join', { sessionId: session.id });
    expect(seen.ok && seen.data.captioner).toBe(false);

    const lineId = randomUUID();
    const interim = nextEvent(watch, 'captions:line');
    expect(code(await send(cart, 'captions:send', { sessionId: session.id, lineId, text: 'Good morn', language: 'en', final: false, speakerName: 'Dr Sari' }))).toBe('ok');
    expect(await interim).toMatchObject({ id: lineId, text: 'Good morn', final: false, speakerName: 'Dr Sari', language: 'en', source: 'human' });
    expect(await transcriptOf(session.id)).toEqual([]);

    const final = nextEvent(watch, 'captions:line');
    const sent = await send(cart, 'captions:send', { sessionId: session.id, lineId, text: 'Good morning, everyone.', language: 'en', final: true, speakerName: 'Dr Sari' });
    expect(code(sent)).toBe('ok');
    expect(await final).toMatchObject({ id: lineId, text: 'Good morning, everyone.', final: true });
    // A retry of the same line (lost ack) changes nothing.
    const retry = await send(cart, 'captions:send', { sessionId: session.id, lineId, text: 'Good morning, everyone!!', language: 'en', final: true });
    expect(retry.ok && retry.data.text).toBe('Good morning, everyone.');
    expect((await transcriptOf(session.id)).map((r) => [r.text, r.speakerName, r.language, r.source])).toEqual([['Good morning, everyone.', 'Dr Sari', 'en', 'human']]);

    const late = await as(await createUser('Late'));
    const lateOk = await send(late, 'captions:join', { sessionId: session.id });
    expect(code(lateOk)).toBe('forbidden'); // not a member
    const lateMember = await createUser('Late Member');
    const { event } = { event: (await captionedSessionEvent(session.id))! };
    await addMember(event, lateMember, 'participant');
    const lateSocket = await as(lateMember);
    const replay = await send(lateSocket, 'captions:join', { sessionId: session.id });
    expect(replay.ok && replay.data.lines.map((l) => [l.id, l.text, l.final])).toEqual([[lineId, 'Good morning, everyone.', true]]);
  });

  it('refuses lines from someone who is not a captioner, and bad payloads', async () => {
    const { session, viewer, org } = await captionedSession();
    const watch = await as(viewer);
    expect(code(await send(watch, 'captions:send', { sessionId: session.id, lineId: randomUUID(), text: 'hi', language: 'en', final: true }))).toBe('forbidden');
    expect(await transcriptOf(session.id)).toEqual([]);
    expect(code(await send(watch, 'captions:assign', { sessionId: session.id, userId: viewer.id, assigned: true }))).toBe('forbidden');
    expect(code(await send(watch, 'captions:set-display', { sessionId: session.id, onDisplay: true }))).toBe('forbidden');
    for (const bad of [
      { sessionId: session.id, lineId: 'nope', text: 'hi', language: 'en', final: true },
      { sessionId: session.id, lineId: randomUUID(), text: '   ', language: 'en', final: true },
      { sessionId: session.id, lineId: randomUUID(), text: 'x'.repeat(501), language: 'en', final: true },
      { sessionId: session.id, lineId: randomUUID(), text: 'hi', language: 'English', final: true },
    ]) {
      expect(code(await send(watch, 'captions:send', bad))).toBe('invalid_payload');
    }
    expect(code(await send(org, 'captions:set-display', { sessionId: session.id, onDisplay: true }))).toBe('ok');
  });
});

async function captionedSessionEvent(sessionId: string): Promise<string | undefined> {
  const { findSession } = await import('../../lib/db/queries/programme');
  return (await findSession(sessionId))?.event.id;
}
