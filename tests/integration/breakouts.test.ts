import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { actionPlans, breakoutAssignments, breakoutAttendance, breakoutRooms, breakoutRuns } from '../../lib/db/schema';
import type { BreakoutState } from '../../lib/contracts/breakouts';
import {
  addMember,
  connectAs,
  createEventWithSession,
  createUser,
  nextEvent,
  send,
  startTestServer,
  type TestSocket,
  type TestUser,
} from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];
const track = (s: TestSocket) => (sockets.push(s), s);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

/** An event with a moderator, four participants from two countries (two in the hall) and a stranger, all connected and synced. */
async function scene() {
  const organizer = await createUser('Org');
  const { event, session } = await createEventWithSession(organizer);
  const moderator = await createUser('Mod');
  await addMember(event.id, moderator, 'moderator');
  const people: TestUser[] = [];
  const plan: Array<['in_person' | 'remote', string]> = [
    ['in_person', 'ID'],
    ['remote', 'ID'],
    ['in_person', 'NP'],
    ['remote', 'NP'],
  ];
  for (const [i, [mode, country]] of plan.entries()) {
    const u = await createUser(`P${i}`);
    await addMember(event.id, u, 'participant', mode, country);
    people.push(u);
  }
  const stranger = await createUser('Stranger');
  const mod = track(await connectAs(server, moderator));
  const parts = await Promise.all(people.map(async (u) => track(await connectAs(server, u))));
  const outsider = track(await connectAs(server, stranger));
  for (const s of [mod, ...parts]) expect((await send(s, 'breakout:sync', { sessionId: session.id })).ok).toBe(true);
  return { event, session, moderator, people, mod, parts, outsider, stranger };
}

const openPayload = (sessionId: string, extra: Record<string, unknown> = {}) => ({
  sessionId,
  runId: randomUUID(),
  mode: 'balanced',
  rooms: [{ name: 'Room A' }, { name: 'Room B' }],
  durationMinutes: 15,
  seed: 'fixed',
  ...extra,
});

async function stateOf(socket: TestSocket, sessionId: string): Promise<BreakoutState> {
  const ack = await send(socket, 'breakout:sync', { sessionId });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
}

/** Resolves false if the event does not arrive before `ms` (to show who was NOT told). */
const receives = (socket: TestSocket, name: Parameters<typeof nextEvent>[1], ms = 400) =>
  nextEvent(socket, name, ms).then(
    () => true,
    () => false,
  );

describe('breakout:open', () => {
  it.each([
    ['no rooms', { rooms: [] }],
    ['a bad mode', { mode: 'alphabetical' }],
    ['a zero duration', { durationMinutes: 0 }],
    ['duplicate room names', { rooms: [{ name: 'A' }, { name: 'a' }] }],
    ['a manual assignment to a missing room', { mode: 'manual', manual: [{ userId: randomUUID(), room: 5 }] }],
    ['a non-uuid run id', { runId: 'run-1' }],
  ])('answers %s with invalid_payload', async (_label, patch) => {
    const { session, mod } = await scene();
    const ack = await send(mod, 'breakout:open', openPayload(session.id, patch));
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('a participant cannot open rooms, and nothing is written', async () => {
    const { session, parts } = await scene();
    const payload = openPayload(session.id);
    const ack = await send(parts[0]!, 'breakout:open', payload);
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await (await db()).select().from(breakoutRuns).where(eq(breakoutRuns.id, payload.runId))).toHaveLength(0);
  });

  it('a moderator opens balanced rooms: each participant is pushed their own room (one person per country), with nothing to ask back', async () => {
    const { session, mod, parts, people, outsider } = await scene();
    const announced = parts.map((p) => nextEvent(p, 'breakout:run-changed'));
    const told = parts.map((p) => nextEvent(p, 'breakout:placed'));
    const outsiderTold = receives(outsider, 'breakout:placed');
    const outsiderAnnounced = receives(outsider, 'breakout:run-changed');
    const payload = openPayload(session.id);
    const ack = await send(mod, 'breakout:open', payload);
    expect(ack).toMatchObject({ ok: true, data: { status: 'open', rooms: [{ name: 'Room A', memberCount: 2 }, { name: 'Room B', memberCount: 2 }] } });
    const pushed = await Promise.all(told);
    for (const a of await Promise.all(announced)) expect(a).toMatchObject({ sessionId: session.id, run: { id: payload.runId, status: 'open', rooms: [{ memberCount: 2 }, { memberCount: 2 }] } });
    expect(await outsiderTold).toBe(false);
    expect(await outsiderAnnounced).toBe(false);

    const rows = await (await db()).select().from(breakoutAssignments).where(eq(breakoutAssignments.runId, payload.runId));
    for (const [i, s] of pushed.entries()) {
      expect(s).toMatchObject({ sessionId: session.id, canManage: false, runId: payload.runId });
      // Each socket is told its own room: the one the database assigned to that person.
      expect(s.room?.id).toBe(rows.find((r) => r.userId === people[i]!.id)?.roomId);
      expect(s.room!.members.map((m) => m.userId)).toContain(people[i]!.id);
      expect(new Set(s.room!.members.map((m) => m.country))).toEqual(new Set(['ID', 'NP']));
    }
    // The push already put each socket in its room: its stay is recorded, and a sync answers the same room.
    const stays = await (await db()).select().from(breakoutAttendance).where(eq(breakoutAttendance.runId, payload.runId));
    expect(stays.filter((s) => s.leftAt === null).map((s) => s.userId).sort()).toEqual(people.map((p) => p.id).sort());
    expect((await stateOf(parts[0]!, session.id)).room?.id).toBe(pushed[0]!.room?.id);
    // A retried open (same run id) returns the same run and opens nothing new.
    const again = await send(mod, 'breakout:open', payload);
    expect(again).toMatchObject({ ok: true, data: { id: payload.runId } });
    expect(await (await db()).select().from(breakoutRuns).where(eq(breakoutRuns.sessionId, session.id))).toHaveLength(1);
    // A second run while one is open is refused.
    expect(await send(mod, 'breakout:open', openPayload(session.id))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('two opens at once (two tabs): one opens, the other is refused and writes nothing', async () => {
    const { session, mod, moderator } = await scene();
    const otherTab = track(await connectAs(server, moderator));
    const [a, b] = [openPayload(session.id), openPayload(session.id, { rooms: [{ name: 'X' }, { name: 'Y' }, { name: 'Z' }] })];
    const acks = await Promise.all([send(mod, 'breakout:open', a), send(otherTab, 'breakout:open', b)]);
    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    expect(acks.filter((ack) => !ack.ok)).toMatchObject([{ ok: false, error: { code: 'conflict' } }]);
    const winner = acks[0]!.ok ? a : b;
    const d = await db();
    expect((await d.select().from(breakoutRuns).where(eq(breakoutRuns.sessionId, session.id))).map((r) => r.id)).toEqual([winner.runId]);
    // The refused open left no rooms and no places behind (the run, its rooms and the places are written together).
    const loser = winner === a ? b : a;
    expect(await d.select().from(breakoutRooms).where(eq(breakoutRooms.runId, loser.runId))).toHaveLength(0);
    expect(await d.select().from(breakoutAssignments).where(eq(breakoutAssignments.runId, loser.runId))).toHaveLength(0);
    expect((await d.select().from(breakoutRooms).where(eq(breakoutRooms.runId, winner.runId))).map((r) => r.name)).toEqual(winner.rooms.map((r) => r.name));
    expect(await d.select().from(breakoutAssignments).where(eq(breakoutAssignments.runId, winner.runId))).toHaveLength(4);
  });

  it('the same open sent twice at once (a tab that reconnected and sent it again) opens one run, and both get it', async () => {
    const { session, mod, moderator } = await scene();
    const otherTab = track(await connectAs(server, moderator));
    const payload = openPayload(session.id);
    const acks = await Promise.all([send(mod, 'breakout:open', payload), send(otherTab, 'breakout:open', payload)]);
    expect(acks.map((ack) => ack.ok && ack.data.id)).toEqual([payload.runId, payload.runId]);
    const d = await db();
    expect((await d.select().from(breakoutRuns).where(eq(breakoutRuns.sessionId, session.id))).map((r) => r.id)).toEqual([payload.runId]);
    expect(await d.select().from(breakoutAssignments).where(eq(breakoutAssignments.runId, payload.runId))).toHaveLength(4);
  });

  it('a stranger cannot even sync a session of an event they are not in', async () => {
    const { session, outsider } = await scene();
    expect(await send(outsider, 'breakout:sync', { sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('running rooms', () => {
  async function opened() {
    const s = await scene();
    const ack = await send(s.mod, 'breakout:open', openPayload(s.session.id));
    if (!ack.ok) throw new Error(ack.error.message);
    const states = await Promise.all(s.parts.map((p) => stateOf(p, s.session.id)));
    const roomOf = states.map((st) => st.room!.id);
    return { ...s, run: ack.data, states, roomOf };
  }

  it('room chat reaches the room only; a participant cannot read or post in another room', async () => {
    const { parts, roomOf } = await opened();
    const mate = roomOf.findIndex((r, i) => i > 0 && r === roomOf[0]);
    const other = roomOf.findIndex((r) => r !== roomOf[0]);
    const mateHears = nextEvent(parts[mate]!, 'breakout:chat-posted');
    const otherHears = receives(parts[other]!, 'breakout:chat-posted');
    const sent = await send(parts[0]!, 'breakout:chat-send', { roomId: roomOf[0], clientId: randomUUID(), body: 'Hello room' });
    expect(sent).toMatchObject({ ok: true, data: { body: 'Hello room' } });
    expect((await mateHears).body).toBe('Hello room');
    expect(await otherHears).toBe(false);

    expect(await send(parts[0]!, 'breakout:chat-send', { roomId: roomOf[other], clientId: randomUUID(), body: 'Sneaking in' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await send(parts[0]!, 'breakout:chat-history', { roomId: roomOf[other] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('only moderators broadcast, extend, move and close; a broadcast reaches every room', async () => {
    const { mod, parts, run, roomOf, people, session } = await opened();
    for (const [name, payload] of [
      ['breakout:broadcast', { runId: run.id, message: 'Five minutes left' }],
      ['breakout:extend', { runId: run.id, minutes: 5 }],
      ['breakout:move', { runId: run.id, userId: people[1]!.id, roomId: roomOf[0] }],
      ['breakout:close', { runId: run.id, warningSeconds: 0 }],
      ['breakout:control', { runId: run.id }],
      ['breakout:visit', { runId: run.id, roomId: roomOf[0] }],
    ] as const) {
      expect(await send(parts[0]!, name, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const [row] = await (await db()).select().from(breakoutRuns).where(eq(breakoutRuns.id, run.id));
    expect(row).toMatchObject({ status: 'open', lastBroadcast: null, endsAt: new Date(run.endsAt) });

    const heard = parts.map((p) => nextEvent(p, 'breakout:broadcasted'));
    expect(await send(mod, 'breakout:broadcast', { runId: run.id, message: 'Five minutes left' })).toMatchObject({ ok: true });
    for (const h of await Promise.all(heard)) expect(h).toMatchObject({ message: 'Five minutes left', from: 'Mod' });
    expect((await stateOf(parts[0]!, session.id)).run!.lastBroadcast?.message).toBe('Five minutes left');

    const extended = await send(mod, 'breakout:extend', { runId: run.id, minutes: 5 });
    expect(extended.ok && new Date(extended.data.endsAt).getTime() - new Date(run.endsAt).getTime()).toBe(5 * 60_000);
  });

  it('a moved person is told and lands in the new room; their stay in the old room ends', async () => {
    const { mod, parts, run, roomOf, people, session } = await opened();
    const target = roomOf.find((r) => r !== roomOf[1])!;
    const told = nextEvent(parts[1]!, 'breakout:placed');
    expect(await send(mod, 'breakout:move', { runId: run.id, userId: people[1]!.id, roomId: target })).toMatchObject({ ok: true });
    const pushed = await told;
    expect(pushed.room!.id).toBe(target);
    expect(pushed.room!.members.map((m) => m.userId)).toContain(people[1]!.id);
    expect((await stateOf(parts[1]!, session.id)).room!.id).toBe(target);
    const stays = await (await db()).select().from(breakoutAttendance).where(eq(breakoutAttendance.userId, people[1]!.id));
    expect(stays.find((s) => s.roomId === roomOf[1])?.leftAt).toBeInstanceOf(Date);
    expect(stays.find((s) => s.roomId === target)?.leftAt).toBeNull();
  });

  it('help requests name the room and reach the control room; moderators resolve them', async () => {
    const { mod, parts, run, roomOf } = await opened();
    await send(mod, 'breakout:control', { runId: run.id });
    const notified = nextEvent(mod, 'breakout:control-changed');
    const requestId = randomUUID();
    expect(await send(parts[2]!, 'breakout:help', { runId: run.id, requestId, message: 'We are stuck' })).toMatchObject({ ok: true });
    expect(await send(parts[2]!, 'breakout:help', { runId: run.id, requestId, message: 'We are stuck' })).toMatchObject({ ok: true });
    await notified;
    const control = await send(mod, 'breakout:control', { runId: run.id });
    if (!control.ok) throw new Error(control.error.message);
    const room = control.data.rooms.find((r) => r.id === roomOf[2])!;
    expect(control.data.help).toEqual([expect.objectContaining({ id: requestId, roomId: roomOf[2], roomName: room.name, message: 'We are stuck' })]);
    expect(control.data.rooms.flatMap((r) => r.members).filter((m) => m.present)).toHaveLength(4);

    expect(await send(parts[0]!, 'breakout:help-resolve', { requestId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(mod, 'breakout:help-resolve', { requestId })).toMatchObject({ ok: true });
    const after = await send(mod, 'breakout:control', { runId: run.id });
    expect(after.ok && after.data.help).toEqual([]);
  });

  it('notes are saved with compare-and-set and can be copied into the member’s own action plan', async () => {
    const { parts, roomOf, people, event } = await opened();
    const saved = await send(parts[0]!, 'breakout:notes-save', { roomId: roomOf[0], notes: 'Idea: shared kiosk', baseRev: 0 });
    expect(saved).toMatchObject({ ok: true, data: { notesRev: 1 } });
    expect(await send(parts[0]!, 'breakout:notes-save', { roomId: roomOf[0], notes: 'stale', baseRev: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const copyId = randomUUID();
    const copied = await send(parts[0]!, 'breakout:notes-copy', { roomId: roomOf[0], copyId, section: 'objectives' });
    expect(copied).toMatchObject({ ok: true, data: { version: 1 } });
    expect(await send(parts[0]!, 'breakout:notes-copy', { roomId: roomOf[0], copyId, section: 'objectives' })).toMatchObject({ ok: true, data: { version: 1 } });
    const [plan] = await (await db()).select().from(actionPlans).where(eq(actionPlans.ownerId, people[0]!.id));
    expect(plan).toMatchObject({ eventId: event.id, version: 1 });
    expect(plan!.content.objectives).toContain('Idea: shared kiosk');
  });

  it('closing warns everyone, then returns them: no room, stays closed, and a closed run refuses changes', async () => {
    const { mod, parts, run, session } = await opened();
    const warned = parts.map((p) => nextEvent(p, 'breakout:run-changed'));
    const closing = await send(mod, 'breakout:close', { runId: run.id });
    expect(closing).toMatchObject({ ok: true, data: { status: 'closing' } });
    if (!closing.ok) return;
    expect(new Date(closing.data.returnAt!).getTime() - Date.now()).toBeGreaterThan(50_000);
    for (const w of await Promise.all(warned)) expect(w.run).toMatchObject({ status: 'closing', returnAt: closing.data.returnAt });
    expect((await stateOf(parts[0]!, session.id)).run?.status).toBe('closing');

    const back = parts.map((p) => nextEvent(p, 'breakout:placed'));
    const over = parts.map((p) => nextEvent(p, 'breakout:run-changed'));
    expect(await send(mod, 'breakout:close', { runId: run.id, warningSeconds: 0 })).toMatchObject({ ok: true, data: { status: 'closed' } });
    for (const b of await Promise.all(back)) expect(b).toMatchObject({ runId: null, room: null });
    for (const o of await Promise.all(over)) expect(o.run).toBeNull();
    const state = await stateOf(parts[0]!, session.id);
    expect(state).toMatchObject({ run: null, room: null });
    const stays = await (await db()).select().from(breakoutAttendance).where(eq(breakoutAttendance.runId, run.id));
    expect(stays.length).toBeGreaterThanOrEqual(4);
    expect(stays.every((s) => s.leftAt instanceof Date)).toBe(true);
    expect(await send(mod, 'breakout:broadcast', { runId: run.id, message: 'late' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a late joiner is placed by the run’s mode and lands in a room', async () => {
    const { event, run, session } = await opened();
    const late = await createUser('Late');
    await addMember(event.id, late, 'participant', 'remote', 'ID');
    const socket = track(await connectAs(server, late));
    const state = await stateOf(socket, session.id);
    expect(state.room).not.toBeNull();
    const rows = await (await db()).select().from(breakoutAssignments).where(eq(breakoutAssignments.runId, run.id));
    expect(rows).toHaveLength(5);
  });
});

describe('visits and table laptops', () => {
  it('a moderator visits a room (sync shows it, the control room lists the visitor) and signs a laptop in as a hall table only for table rooms', async () => {
    const { session, mod, parts } = await scene();
    const ack = await send(mod, 'breakout:open', openPayload(session.id, { rooms: [{ name: 'Table 1', inHallTable: true }, { name: 'Online room' }] }));
    if (!ack.ok) throw new Error(ack.error.message);
    const [table, online] = ack.data.rooms;
    expect(await send(parts[0]!, 'breakout:visit', { runId: ack.data.id, roomId: table!.id, asTable: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(mod, 'breakout:visit', { runId: ack.data.id, roomId: online!.id, asTable: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await send(mod, 'breakout:visit', { runId: ack.data.id, roomId: online!.id })).toMatchObject({ ok: true });
    expect((await stateOf(mod, session.id)).room).toMatchObject({ id: online!.id, visiting: true, table: false });
    expect(await send(mod, 'breakout:visit', { runId: ack.data.id, roomId: table!.id, asTable: true })).toMatchObject({ ok: true });
    expect((await stateOf(mod, session.id)).room).toMatchObject({ id: table!.id, visiting: true, table: true });
    const control = await send(mod, 'breakout:control', { runId: ack.data.id });
    expect(control.ok && control.data.rooms.find((r) => r.id === table!.id)?.visitors).toEqual([expect.objectContaining({ name: 'Mod', table: true })]);

    expect(await send(mod, 'breakout:visit', { runId: ack.data.id, roomId: null })).toMatchObject({ ok: true });
    expect((await stateOf(mod, session.id)).room).toBeNull();
  });
});

describe('self-select', () => {
  it('participants choose up to the capacity; a full room is refused', async () => {
    const { session, mod, parts } = await scene();
    const ack = await send(mod, 'breakout:open', openPayload(session.id, { mode: 'self_select', rooms: [{ name: 'Small', capacity: 1 }, { name: 'Big' }] }));
    if (!ack.ok) throw new Error(ack.error.message);
    const [small, big] = ack.data.rooms;
    expect((await stateOf(parts[0]!, session.id)).room).toBeNull();
    expect(await send(parts[0]!, 'breakout:choose', { runId: ack.data.id, roomId: small!.id })).toMatchObject({ ok: true });
    expect(await send(parts[1]!, 'breakout:choose', { runId: ack.data.id, roomId: small!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(parts[1]!, 'breakout:choose', { runId: ack.data.id, roomId: big!.id })).toMatchObject({ ok: true });
    expect((await stateOf(parts[0]!, session.id)).room?.name).toBe('Small');
  });

  it('choosing is refused when the moderator assigns', async () => {
    const { session, mod, parts } = await scene();
    const ack = await send(mod, 'breakout:open', openPayload(session.id));
    if (!ack.ok) throw new Error(ack.error.message);
    expect(await send(parts[0]!, 'breakout:choose', { runId: ack.data.id, roomId: ack.data.rooms[0]!.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('cohorts', () => {
  it('a cohort meets again in its own room with its notes, on a later run', async () => {
    const { session, mod, parts, people } = await scene();
    const cohort = await send(mod, 'breakout:cohort-save', { sessionId: session.id, name: 'Indonesia team', memberIds: [people[0]!.id, people[1]!.id] });
    if (!cohort.ok) throw new Error(cohort.error.message);
    expect(await send(parts[0]!, 'breakout:cohort-save', { sessionId: session.id, name: 'Mine', memberIds: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const open = (mode: string) => send(mod, 'breakout:open', openPayload(session.id, { mode, rooms: [{ name: 'Indonesia', cohortId: cohort.data.id }, { name: 'Others' }] }));
    const first = await open('random');
    if (!first.ok) throw new Error(first.error.message);
    const room = (await stateOf(parts[0]!, session.id)).room!;
    expect(room.cohortName).toBe('Indonesia team');
    expect(room.members.map((m) => m.userId).sort()).toEqual([people[0]!.id, people[1]!.id].sort());
    expect(await send(parts[1]!, 'breakout:notes-save', { roomId: room.id, notes: 'Day 1: market access', baseRev: room.notesRev })).toMatchObject({ ok: true });
    await send(mod, 'breakout:close', { runId: first.data.id, warningSeconds: 0 });

    const second = await open('balanced');
    if (!second.ok) throw new Error(second.error.message);
    const again = (await stateOf(parts[1]!, session.id)).room!;
    expect(again.id).not.toBe(room.id);
    expect(again.notes).toBe('Day 1: market access');
  });
});

describe('who opening assigns, and latecomers', () => {
  it('only participants present are assigned; presenters and staff stay, absent people are placed into the smallest room as they arrive', async () => {
    const { event, session, mod, people } = await scene();
    const presenter = await createUser('Presenter');
    await addMember(event.id, presenter, 'presenter', 'in_person', 'ID');
    const presenterSocket = track(await connectAs(server, presenter));
    expect((await send(presenterSocket, 'breakout:sync', { sessionId: session.id })).ok).toBe(true);
    const absent = [];
    for (const [i, country] of ['ID', 'NP', 'TH'].entries()) {
      const u = await createUser(`Late${i}`);
      await addMember(event.id, u, 'participant', 'remote', country);
      absent.push(u);
    }

    const ack = await send(mod, 'breakout:open', openPayload(session.id, { rooms: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] }));
    if (!ack.ok) throw new Error(ack.error.message);
    const assigned = async () => (await (await db()).select().from(breakoutAssignments).where(eq(breakoutAssignments.runId, ack.data.id))).map((r) => r.userId);
    // The four present participants, nobody else: not the presenter, the moderator, or the three not here yet.
    expect((await assigned()).sort()).toEqual(people.map((p) => p.id).sort());
    expect(ack.data.rooms.map((r) => r.memberCount).sort()).toEqual([1, 1, 2]);
    expect((await stateOf(presenterSocket, session.id)).room).toBeNull();
    expect((await stateOf(mod, session.id)).room).toBeNull();

    // Latecomers arrive one by one: each goes into a smallest room, so the sizes stay within one.
    for (const u of absent) {
      const socket = track(await connectAs(server, u));
      const state = await stateOf(socket, session.id);
      expect(state.room).not.toBeNull();
      const sizes = state.run!.rooms.map((r) => r.memberCount);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(await assigned()).toHaveLength(7);
    // A presenter who opens the session later is still not placed.
    expect((await stateOf(presenterSocket, session.id)).room).toBeNull();
  });

  it('a presenter is assigned when the moderator chooses them explicitly', async () => {
    const { event, session, mod } = await scene();
    const presenter = await createUser('Presenter');
    await addMember(event.id, presenter, 'presenter', 'remote', 'ID');
    const socket = track(await connectAs(server, presenter));
    const ack = await send(mod, 'breakout:open', openPayload(session.id, { mode: 'balanced', manual: [{ userId: presenter.id, room: 1 }] }));
    if (!ack.ok) throw new Error(ack.error.message);
    const state = await stateOf(socket, session.id);
    expect(state.room?.name).toBe('Room B');
  });
});
