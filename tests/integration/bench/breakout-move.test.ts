import { describe, expect, it } from 'vitest';
import { runBreakoutMove } from '../../../bench/breakout-move-core';
import { addMember, createEventWithSession, createUser } from '../../fixtures/server';
import { useTestServer } from '../../fixtures/test-server';

const t = useTestServer();
const COUNTRIES = ['ID', 'MY', 'PH', 'TH', 'VN', 'KH', 'LA', 'MM', 'NP', 'IN', 'LK', 'BD', 'PK'];

// The CI-sized run of bench/breakout-move.ts: it fails on a correctness error (a client told the wrong
// room or never told, a split that is not balanced, staff placed, a stay left open, a bare join lost),
// never on time: every wait is bounded by a generous settle time only, and the timings are the benchmark's to report.
describe('breakout moves (CI size)', () => {
  it('100 clients opened into 10 balanced rooms and closed back, twice: each told the database’s room, then the main room; staff stay', { timeout: 600_000 }, async () => {
    const organizer = await createUser('Breakout Organizer');
    const { event, session } = await createEventWithSession(organizer);
    const participants: Array<{ userId: string; cookie: string }> = [];
    for (let i = 0; i < 100; i++) {
      const user = await createUser(`Mover ${i}`);
      await addMember(event.id, user, 'participant', i % 3 === 0 ? 'in_person' : 'remote', COUNTRIES[i % COUNTRIES.length]!);
      participants.push({ userId: user.id, cookie: user.cookie });
    }
    // Present and synced like the participants, but the run must leave them in the main room.
    const staff: Array<{ userId: string; cookie: string }> = [];
    for (const role of ['presenter', 'presenter', 'moderator'] as const) {
      const user = await createUser(`Staff ${role}`);
      await addMember(event.id, user, role, 'in_person', 'ID');
      staff.push({ userId: user.id, cookie: user.cookie });
    }

    const report = await runBreakoutMove({
      url: t.server.url,
      sessionId: session.id,
      moderator: { userId: organizer.id, cookie: organizer.cookie },
      participants,
      staff,
      rooms: 10,
      rounds: 2,
      settleMs: 120_000,
    });

    expect(report.refused).toEqual([]);
    expect(report.misplaced).toEqual([]);
    expect(report.unbalanced).toEqual([]);
    expect(report.staffPlaced).toEqual([]);
    expect(report.notBack).toEqual([]);
    expect(report.stays).toEqual([]);
    expect(report.bareFailures).toEqual([]);
    // Both rounds ran to the end, on both servers (the checks above ran for each).
    expect(report.open).toHaveLength(2);
    expect(report.close).toHaveLength(2);
    expect(report.bareOpen).toHaveLength(2);
    expect(report.bareClose).toHaveLength(2);
  });
});
