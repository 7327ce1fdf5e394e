import { afterAll, describe, expect, it } from 'vitest';
import { runQaFanout, startFanoutServer, type FanoutServer } from '../../../bench/qa-fanout-core';
import { addMember, createEventWithSession, createUser } from '../../fixtures/server';

let server: FanoutServer | undefined;
afterAll(async () => {
  await server?.stop();
});

// The CI-sized run of bench/qa-fanout.ts, server in its own process as in the benchmark. It fails on a
// correctness error (a notice missing, doubled or out of revision order at some client, a count that is
// not the database's rows, a request not answered ok), never on time: every wait may take a minute, and
// the timings are the benchmark's to report.
describe('Q&A fan-out (CI size)', () => {
  it('100 clients get the question, every vote and both storms exactly as the database has them', { timeout: 600_000 }, async () => {
    // Started first: it migrates the database the scene is written to. One media worker: Q&A needs none.
    server = await startFanoutServer({ MEDIASOUP_WORKERS: '1' });
    const organizer = await createUser('Fan-out Organizer');
    const { event, session } = await createEventWithSession(organizer, 'webinar');
    const participants: Array<{ userId: string; cookie: string }> = [];
    for (let i = 0; i < 100; i++) {
      const user = await createUser(`Fan-out ${i}`);
      await addMember(event.id, user, 'participant', i % 2 ? 'remote' : 'in_person');
      participants.push({ userId: user.id, cookie: user.cookie });
    }
    const report = await runQaFanout({
      server,
      sessionId: session.id,
      moderator: { userId: organizer.id, cookie: organizer.cookie },
      participants,
      votes: 50,
      storm: 50,
      settleMs: 60_000,
    });
    expect(report.failed).toEqual([]);
    expect(report.ok).toEqual({ votes: 50, stormVotes: 50, stormAsks: 50 });
    expect(report.notReceived).toEqual([]);
    expect(report.outOfOrder).toEqual([]);
    expect(report.duplicated).toEqual([]);
    expect(report.miscounted).toEqual([]);
    expect(report.clients).toBe(100);
  });
});
