import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { roomSettings } from '../../lib/db/queries/media';
import { connectAs, send, startTestServer, type TestSocket } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';
import { recorder, until } from '../fixtures/engage';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});
const as = async (user: Parameters<typeof connectAs>[1]) => {
  const s = await connectAs(server, user);
  open.push(s);
  return s;
};

describe('session:set-breakout-mic (the organizer’s "join breakouts with microphone on")', () => {
  it.each([
    ['no session id', { on: true }],
    ['a session id that is not a uuid', { sessionId: 'x', on: true }],
    ['on is not a boolean', { sessionId: '00000000-0000-4000-8000-000000000000', on: 'yes' }],
  ])('refuses %s with invalid_payload', async (_what, payload) => {
    const cast = await qaCast();
    const s = await as(cast.organizer);
    expect(await send(s, 'session:set-breakout-mic', payload as never)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('is off by default; moderators, presenters, participants and outsiders may not change it, and nothing changes', async () => {
    const cast = await qaCast();
    expect((await roomSettings(cast.sessionId)).breakoutMicOn).toBe(false);
    for (const user of [cast.moderator, cast.presenter, cast.online, cast.outsider]) {
      const s = await as(user);
      expect(await send(s, 'session:set-breakout-mic', { sessionId: cast.sessionId, on: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await roomSettings(cast.sessionId)).breakoutMicOn).toBe(false);
  });

  it('an organizer turns it on: stored in the database, told to the session’s live rooms, and handed to whoever joins next', async () => {
    const cast = await qaCast();
    const watcher = await recorder(server, cast.online);
    open.push(watcher.socket);
    const before = await send(watcher.socket, 'media:join', { sessionId: cast.sessionId });
    expect(before).toMatchObject({ ok: true, data: { settings: { breakoutMicOn: false } } });

    const org = await as(cast.organizer);
    expect(await send(org, 'session:set-breakout-mic', { sessionId: cast.sessionId, on: true })).toEqual({ ok: true, data: { breakoutMicOn: true } });
    expect((await roomSettings(cast.sessionId)).breakoutMicOn).toBe(true);
    await until(watcher, () => watcher.of('media:settings-changed').some((s) => s.breakoutMicOn), 'the live room is told');

    const late = await as(cast.other);
    expect(await send(late, 'media:join', { sessionId: cast.sessionId })).toMatchObject({ ok: true, data: { settings: { breakoutMicOn: true } } });

    // The other room settings are untouched, and turning it off again is stored too.
    expect(await roomSettings(cast.sessionId)).toEqual({ locked: false, screenShareOpen: false, breakoutMicOn: true });
    expect(await send(org, 'session:set-breakout-mic', { sessionId: cast.sessionId, on: false })).toEqual({ ok: true, data: { breakoutMicOn: false } });
    expect((await roomSettings(cast.sessionId)).breakoutMicOn).toBe(false);
  });
});
