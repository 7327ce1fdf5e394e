import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { breakoutAttendance, breakoutRuns } from '../../lib/db/schema';
import { sweepStays } from '../../server/realtime/breakout-live';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, send, startTestServer, type TestSocket } from '../fixtures/server';

// A restart needs a database that outlives the server: PostgreSQL when DATABASE_URL is set,
// otherwise an embedded database in a directory (the in-memory one dies with the server).
if (!process.env.DATABASE_URL) process.env.BALAI_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'balai-breakouts-restart-'));

const sockets: TestSocket[] = [];
let server: RunningServer | undefined;
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server?.close();
});

describe('restart recovery', () => {
  it('a new server on the same database rebuilds the rooms: people reconnect into their room, the timer still ends the run', async () => {
    server = await startTestServer();
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer);
    const people = [];
    for (const [i, country] of ['ID', 'NP', 'ID', 'NP'].entries()) {
      const u = await createUser(`P${i}`);
      await addMember(event.id, u, 'participant', i % 2 ? 'remote' : 'in_person', country);
      people.push(u);
    }
    const org = await connectAs(server, organizer);
    sockets.push(org);
    const runId = randomUUID();
    const opened = await send(org, 'breakout:open', { sessionId: session.id, runId, mode: 'balanced', rooms: [{ name: 'A' }, { name: 'B' }], durationMinutes: 10 });
    expect(opened.ok).toBe(true);
    const before = new Map<string, string>();
    for (const u of people) {
      const s = await connectAs(server, u);
      sockets.push(s);
      const ack = await send(s, 'breakout:sync', { sessionId: session.id });
      if (!ack.ok) throw new Error(ack.error.message);
      before.set(u.id, ack.data.room!.id);
    }
    expect(await (await db()).select().from(breakoutAttendance).where(and(eq(breakoutAttendance.runId, runId), isNull(breakoutAttendance.leftAt)))).toHaveLength(4);

    // Stop the server (every socket drops), as a crash or deploy would.
    await server.close();
    server = undefined;
    // While it was down the time ran out.
    await (await db()).update(breakoutRuns).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(breakoutRuns.id, runId));

    server = await startTestServer();
    const openStays = async () => (await db()).select().from(breakoutAttendance).where(and(eq(breakoutAttendance.runId, runId), isNull(breakoutAttendance.leftAt)));

    // Three people reconnect (a reload, or socket.io's retry) and land in the room they had; the fourth does not come back.
    const again = [];
    for (const u of people.slice(0, 3)) {
      const s = await connectAs(server, u);
      sockets.push(s);
      const ack = await send(s, 'breakout:sync', { sessionId: session.id });
      if (!ack.ok) throw new Error(ack.error.message);
      expect(ack.data.room?.id).toBe(before.get(u.id));
      again.push(s);
    }
    // Who came back within the grace period keeps one continuous stay; the sweep closes the stay of who did not.
    expect(await sweepStays(runId)).toBe(1);
    const stays = await openStays();
    expect(stays.map((s) => s.userId).sort()).toEqual(people.slice(0, 3).map((u) => u.id).sort());
    expect(await (await db()).select().from(breakoutAttendance).where(eq(breakoutAttendance.runId, runId))).toHaveLength(4);

    // The rebuilt timer found the end in the past and started the closing warning by itself.
    await vi.waitFor(
      async () => {
        const [row] = await (await db()).select().from(breakoutRuns).where(eq(breakoutRuns.id, runId));
        expect(row?.status).toBe('closing');
      },
      { timeout: 10_000, interval: 100 },
    );
    const [row] = await (await db()).select().from(breakoutRuns).where(eq(breakoutRuns.id, runId));
    expect(row!.returnAt!.getTime() - Date.now()).toBeGreaterThan(45_000);

    // The moderator ends it now; the reconnected people are told and return to the main session.
    const org2 = await connectAs(server, organizer);
    sockets.push(org2);
    const told = again.map((s) => nextEvent(s, 'breakout:placed'));
    expect(await send(org2, 'breakout:close', { runId, warningSeconds: 0 })).toMatchObject({ ok: true, data: { status: 'closed' } });
    for (const t of await Promise.all(told)) expect(t).toMatchObject({ runId: null, room: null });
    const after = await send(again[0]!, 'breakout:sync', { sessionId: session.id });
    expect(after).toMatchObject({ ok: true, data: { run: null, room: null } });
  });
});
