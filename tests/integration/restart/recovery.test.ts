import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runRestartRecovery, serverOnPort, type ServerProcess } from '../../../bench/restart-recovery-core';
import { addMember, createEventWithSession, createUser } from '../../fixtures/server';

let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop().catch(() => undefined);
});

// The CI-sized run of bench/restart-recovery.ts: it fails on a correctness error (an acknowledged write
// lost, a counter off its rows, a client whose state is not the server's, a write that failed), never on
// time: the clients get a minute to settle, and the timings are the benchmark's to report.
describe('recovery after kill -9 (CI size)', () => {
  it('30 clients voting in a burst lose no acknowledged vote when the server is killed, and all come back to the server’s state', { timeout: 300_000 }, async () => {
    const start = serverOnPort(await freePort());
    // Started first: it migrates the database the scene is written to.
    server = await start();
    const organizer = await createUser('Recovery Organizer');
    const { event, session } = await createEventWithSession(organizer);
    const participants: Array<{ userId: string; cookie: string }> = [];
    for (let i = 0; i < 30; i++) {
      const user = await createUser(`Recovery ${i}`);
      await addMember(event.id, user, 'participant', i % 2 ? 'remote' : 'in_person');
      participants.push({ userId: user.id, cookie: user.cookie });
    }
    const report = await runRestartRecovery({
      server,
      start: async () => (server = await start()),
      sessionId: session.id,
      moderator: { cookie: organizer.cookie },
      participants,
      settleMs: 120_000,
    });
    server = undefined; // stopped by the run
    expect(report.lostAcked).toEqual([]);
    expect(report.miscounted).toEqual([]);
    expect(report.inconsistent).toEqual([]);
    // A write may end unanswered on a machine too busy to answer within its retries (reported, a matter of time);
    // it must never be refused for any other reason, and every write ends one way or the other.
    expect(report.failed.filter((f) => f.code !== 'internal' && f.code !== 'rate_limited')).toEqual([]);
    expect(report.acked + report.failed.length).toBe(report.writes);
    // The kill came mid-burst: some votes were acknowledged before it, the rest after the restart.
    expect(report.ackedBeforeKill).toBeGreaterThan(0);
    expect(report.ackedBeforeKill).toBeLessThan(report.writes);
    expect(report.recoverMs).toHaveLength(30);
    expect(report.deltaJoins).toBeGreaterThanOrEqual(30);
  });
});
