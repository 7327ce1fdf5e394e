import { describe, expect, it } from 'vitest';
import { correctnessErrors, runIdleConnections } from '../../../bench/idle-connections-core';

const CLIENTS = 100;

// The CI-sized run of bench/idle-connections.ts: it fails on a correctness error (a client not
// connected, a session join refused, someone missing from presence, a server that does not stop
// cleanly), never on memory or time: heap per connection is the benchmark's to report, like a time.
describe('idle connections (CI size)', () => {
  it(`${CLIENTS} clients connect to a bare Socket.IO server and to Balai, all join a session and see each other, and both servers stop cleanly`, { timeout: 300_000 }, async () => {
    // The run stops its server processes itself, also when it fails.
    const report = await runIdleConnections({ clients: CLIENTS, settleMs: 60_000 });

    expect(report.bare.connections).toBe(CLIENTS);
    expect(report.balai.connections).toBe(CLIENTS);
    expect(report.failedJoins).toEqual([]);
    expect(report.incompletePresence).toEqual([]);
    expect(report.serverPresent).toBe(CLIENTS);
    expect(report.bare.exit).toEqual({ code: 0, signal: null });
    expect(report.balai.exit).toEqual({ code: 0, signal: null });
    // Readings, not thresholds: each is a heap size the server process actually reported.
    const readings = [report.bare.before, report.bare.after, report.balai.before, report.balai.connected, report.balai.joined];
    for (const heap of readings) {
      expect(Number.isFinite(heap)).toBe(true);
      expect(heap).toBeGreaterThan(0);
    }
    for (const perConnection of Object.values(report.perConnection)) expect(Number.isFinite(perConnection)).toBe(true);
    // The benchmark's own verdict agrees: nothing wrong.
    expect(correctnessErrors(report)).toEqual([]);
  });
});
