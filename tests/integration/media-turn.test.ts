import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { connectAs, createEventWithSession, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';
import { joinMedia } from '../fixtures/media';

// Read by lib/env.ts when the server starts, before any test runs.
process.env.TURN_URLS = 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:443';
process.env.TURN_USERNAME = 'balai';
process.env.TURN_CREDENTIAL = 'secret';

let server: RunningServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

it('hands the configured TURN servers to the browser with every transport', async () => {
  const organizer = await createUser('Org');
  const { session } = await createEventWithSession(organizer, 'meeting');
  const socket = await connectAs(server, organizer);
  sockets.push(socket);
  const joined = await joinMedia(socket, session.id);
  expect((await send(socket, 'media:set-capabilities', { rtpCapabilities: joined.routerRtpCapabilities })).ok).toBe(true);
  const ack = await send(socket, 'media:create-transport', { direction: 'recv' });
  expect(ack.ok && ack.data.iceServers).toEqual([
    { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443'], username: 'balai', credential: 'secret' },
  ]);
});
