import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, send, startTestServer, type TestSocket } from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

/** A minimal VP8 stream description; the server accepts a producer without any packets flowing. */
const vp8 = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, rtcpFeedback: [] }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: `c${ssrc}`, reducedSize: true },
});

async function joinMedia(socket: TestSocket, sessionId: string) {
  const joined = await send(socket, 'media:join', { sessionId });
  if (!joined.ok) throw new Error(joined.error.message);
  const caps = joined.data.routerRtpCapabilities;
  expect((await send(socket, 'media:set-capabilities', { rtpCapabilities: caps })).ok).toBe(true);
  return joined.data;
}

describe('media in breakout rooms', () => {
  it('the server puts each person’s media in their breakout room; nobody can consume a producer of another room', async () => {
    const organizer = await createUser('Org');
    // A webinar: in the main room participants may not publish; in a breakout room everyone may.
    const { event, session } = await createEventWithSession(organizer, 'webinar');
    const people = [];
    for (const [i, country] of ['ID', 'NP', 'ID', 'NP'].entries()) {
      const u = await createUser(`P${i}`);
      await addMember(event.id, u, 'participant', 'remote', country);
      people.push(u);
    }
    const org = await connectAs(server, organizer);
    const parts = await Promise.all(people.map((u) => connectAs(server, u)));
    sockets.push(org, ...parts);

    const opened = await send(org, 'breakout:open', { sessionId: session.id, runId: randomUUID(), mode: 'balanced', rooms: [{ name: 'A' }, { name: 'B' }], durationMinutes: 10, seed: 's' });
    if (!opened.ok) throw new Error(opened.error.message);
    const rooms = new Map<number, string>();
    for (const [i, s] of parts.entries()) {
      const st = await send(s, 'breakout:sync', { sessionId: session.id });
      if (!st.ok) throw new Error(st.error.message);
      rooms.set(i, st.data.room!.id);
    }
    const joined = await Promise.all(parts.map((s) => joinMedia(s, session.id)));
    joined.forEach((j, i) => {
      expect(j.roomKey).toBe(`breakout:${rooms.get(i)}`);
      expect(j.grants.camera).toBe(true);
    });

    // P0 publishes a camera in its room.
    const send0 = await send(parts[0]!, 'media:create-transport', { direction: 'send' });
    if (!send0.ok) throw new Error(send0.error.message);
    const mate = [1, 2, 3].find((i) => rooms.get(i) === rooms.get(0))!;
    const other = [1, 2, 3].find((i) => rooms.get(i) !== rooms.get(0))!;
    const mateTold = nextEvent(parts[mate]!, 'media:producer-added');
    const produced = await send(parts[0]!, 'media:produce', { transportId: send0.data.id, kind: 'video', source: 'camera', rtpParameters: vp8(1111) });
    if (!produced.ok) throw new Error(produced.error.message);
    expect((await mateTold).producerId).toBe(produced.data.producerId);

    // Someone in the other room cannot consume it, even knowing its id.
    expect((await send(parts[other]!, 'media:create-transport', { direction: 'recv' })).ok).toBe(true);
    expect(await send(parts[other]!, 'media:consume', { producerId: produced.data.producerId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The roommate can.
    expect((await send(parts[mate]!, 'media:create-transport', { direction: 'recv' })).ok).toBe(true);
    expect(await send(parts[mate]!, 'media:consume', { producerId: produced.data.producerId })).toMatchObject({ ok: true, data: { kind: 'video' } });

    // Closing sends everyone's media back to the main room.
    const moved = parts.map((s) => nextEvent(s, 'media:room-left'));
    expect(await send(org, 'breakout:close', { runId: opened.data.id, warningSeconds: 0 })).toMatchObject({ ok: true });
    for (const m of await Promise.all(moved)) expect(m).toMatchObject({ reason: 'moved', roomKey: `main:${session.id}` });
    const back = await send(parts[0]!, 'media:join', { sessionId: session.id });
    expect(back).toMatchObject({ ok: true, data: { roomKey: `main:${session.id}`, grants: { camera: false } } });
  });
});
