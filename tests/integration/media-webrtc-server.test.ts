import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { addMember, connectAs, createEventWithSession, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';
import { joinMedia } from '../fixtures/media';

// One WebRtcServer port per worker: the deployment with the simplest firewall rule.
const BASE = 50_000 + Math.floor(Math.random() * 5_000) * 2;
process.env.MEDIASOUP_WORKERS = '2';
process.env.MEDIASOUP_WEBRTC_SERVER_PORT = String(BASE);

let server: RunningServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

describe('WebRtcServer mode', () => {
  it('puts every transport of a worker on that worker’s one port', async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const ports = new Set<number>();
    for (const name of ['A', 'B', 'C']) {
      const user = await createUser(name);
      await addMember(event.id, user, 'participant');
      const s = await connectAs(server, user);
      sockets.push(s);
      await joinMedia(s, session.id);
      for (const direction of ['send', 'recv'] as const) {
        const t = await send(s, 'media:create-transport', { direction });
        if (!t.ok) throw new Error(t.error.message);
        for (const c of t.data.iceCandidates as Array<{ port: number }>) ports.add(c.port);
      }
    }
    // One room lives on one worker until it is large: six transports, one port.
    expect([...ports]).toHaveLength(1);
    expect([BASE, BASE + 1]).toContain([...ports][0]);
  });
});
