import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { runPollBurst } from '../../bench/poll-burst-core';
import { addMember, createUser, startTestServer } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

// The CI-sized run of bench/poll-burst.ts: it fails on a wrong count, a failed
// answer or an uncoalesced fan-out, never on time (timings are reported by the benchmark).
describe('poll burst (CI size)', () => {
  it('100 clients answering a word cloud within a second all end with the exact final result', { timeout: 180_000 }, async () => {
    const cast = await qaCast();
    const participants = [];
    for (let i = 0; i < 100; i++) {
      const user = await createUser(`Burst ${i}`);
      await addMember(cast.eventId, user, 'participant', i % 2 ? 'remote' : 'in_person');
      participants.push(user);
    }
    const report = await runPollBurst({ url: server.url, sessionId: cast.sessionId, moderator: cast.moderator, participants, windowMs: 1000 });
    expect(report.failedAcks).toEqual([]);
    expect(report.acked).toBe(100);
    expect(new Set(report.lastCounts)).toEqual(new Set([100]));
    expect(report.messagesPerClient.max).toBeLessThan(100);
  });
});
