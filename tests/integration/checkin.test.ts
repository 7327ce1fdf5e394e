import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { checkins, checkinScans, roomScans } from '../../lib/db/schema';
import { createSession } from '../../lib/services/programme';
import { checkinCode, formatCode, qrPayload } from '../../lib/services/checkin';
import { badgeSheetPdf } from '../../lib/services/badges';
import { pdfText } from '../fixtures/pdf-text';
import { addMember, connectAs, createEventWithSession, createUser, nextEvent, nextEventWhere, send, startTestServer, type TestSocket, type TestUser } from '../fixtures/server';

let server: RunningServer;
const sockets: TestSocket[] = [];
const track = (s: TestSocket) => (sockets.push(s), s);

let organizer: TestUser;
let helper: TestUser;
let participant: TestUser;
let guest: TestUser;
let eventId: string;
let otherEvent: { id: string; title: string };
let otherPerson: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await createUser('Olive Organizer');
  helper = await createUser('Hana Helper');
  participant = await createUser('Nguyen Thi Lan');
  guest = await createUser('Pat Participant');
  otherPerson = await createUser('Other Person');
  const { event } = await createEventWithSession(organizer);
  eventId = event.id;
  await addMember(eventId, helper, 'moderator');
  await addMember(eventId, participant, 'participant', 'in_person', 'VN');
  await addMember(eventId, guest, 'participant', 'in_person', 'ID');
  const other = await createEventWithSession(organizer);
  otherEvent = { id: other.event.id, title: other.event.title };
  await addMember(otherEvent.id, otherPerson, 'participant', 'in_person', 'NP');
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

const scan = (code: string, scanId = randomUUID(), scannedAt = new Date().toISOString()) => ({ eventId, scanId, code, scannedAt });

async function checkinCount(userId: string) {
  const d = await db();
  return (await d.select().from(checkins).where(and(eq(checkins.eventId, eventId), eq(checkins.userId, userId)))).length;
}

describe('checkin:scan', () => {
  it.each([
    ['no payload', undefined],
    ['a bad event id', { eventId: 'x', scanId: randomUUID(), code: 'AAAA', scannedAt: new Date().toISOString() }],
    ['a scan id that is not a uuid', { eventId: randomUUID(), scanId: 'phone-1', code: 'AAAA', scannedAt: new Date().toISOString() }],
    ['an empty code', { eventId: randomUUID(), scanId: randomUUID(), code: '  ', scannedAt: new Date().toISOString() }],
    ['a time that is not ISO', { eventId: randomUUID(), scanId: randomUUID(), code: 'AAAA', scannedAt: 'yesterday' }],
    ['an empty room', { eventId: randomUUID(), scanId: randomUUID(), code: 'AAAA', scannedAt: new Date().toISOString(), venueRoom: ' ' }],
  ])('answers %s with invalid_payload', async (_label, payload) => {
    const socket = track(await connectAs(server, helper));
    const ack = await send(socket, 'checkin:scan', payload);
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe('invalid_payload');
  });

  it('refuses a participant (no check-in permission) and changes nothing', async () => {
    const socket = track(await connectAs(server, guest));
    const ack = await send(socket, 'checkin:scan', scan(qrPayload(eventId, participant.id)));
    expect(ack).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(await checkinCount(participant.id)).toBe(0);
    const roster = await send(socket, 'checkin:roster', { eventId });
    expect(roster.ok).toBe(false);
  });

  it('checks a person in by QR, tells the dashboard, and answers with name, country and initials', async () => {
    const dashboard = track(await connectAs(server, organizer));
    const watched = await send(dashboard, 'attendance:watch', { eventId });
    expect(watched.ok).toBe(true);
    const bystander = track(await connectAs(server, guest));
    let bystanderGot = 0;
    bystander.on('checkin:recorded', () => bystanderGot++);
    const recorded = nextEvent(dashboard, 'checkin:recorded');
    const counts = nextEventWhere(dashboard, 'attendance:changed', (c) => c.recentCheckins.some((r) => r.userId === participant.id));

    const socket = track(await connectAs(server, helper));
    const ack = await send(socket, 'checkin:scan', scan(qrPayload(eventId, participant.id)));
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data).toMatchObject({
      outcome: 'checked_in',
      replayed: false,
      person: { userId: participant.id, name: 'Nguyen Thi Lan', initials: 'NL', country: 'VN', attendanceMode: 'in_person' },
    });
    expect((await recorded).person.userId).toBe(participant.id);
    expect((await counts).inHall).toBe(1);
    // Notices are delivered in order: anything meant for the bystander would arrive before this ack.
    await send(bystander, 'attendance:unwatch', { eventId });
    expect(bystanderGot).toBe(0);
  });

  it('refuses a second check-in of the same person the same day as a duplicate, with the first time', async () => {
    const socket = track(await connectAs(server, helper));
    const first = await send(socket, 'checkin:scan', scan(formatCode(checkinCode(eventId, guest.id)).toLowerCase()));
    expect(first.ok && first.data.outcome).toBe('checked_in');
    const again = await send(socket, 'checkin:scan', scan(checkinCode(eventId, guest.id)));
    expect(again.ok).toBe(true);
    if (!again.ok || !first.ok) return;
    expect(again.data.outcome).toBe('duplicate');
    expect(again.data.checkedInAt).toBe(first.data.checkedInAt);
    expect(again.data.person?.name).toBe('Pat Participant');
    expect(await checkinCount(guest.id)).toBe(1);
  });

  it('refuses a code of another event and names that event', async () => {
    const socket = track(await connectAs(server, helper));
    for (const code of [qrPayload(otherEvent.id, otherPerson.id), checkinCode(otherEvent.id, otherPerson.id)]) {
      const ack = await send(socket, 'checkin:scan', scan(code));
      expect(ack.ok).toBe(true);
      if (!ack.ok) return;
      expect(ack.data).toMatchObject({ outcome: 'other_event', person: null, otherEventTitle: otherEvent.title });
    }
  });

  it('refuses forged codes: a made-up code, a QR with a changed code, a code of this person for another event', async () => {
    const socket = track(await connectAs(server, helper));
    const real = checkinCode(eventId, participant.id);
    const tampered = `${real.slice(0, 7)}${real[7] === 'A' ? 'B' : 'A'}`;
    for (const code of ['ZZZZ-ZZZZ', `BALAI1:${eventId}:${tampered}`, `BALAI1:${randomUUID()}:${real}`, 'hello world']) {
      const ack = await send(socket, 'checkin:scan', scan(code));
      expect(ack.ok).toBe(true);
      if (ack.ok) expect(ack.data).toMatchObject({ outcome: 'unknown_code', person: null });
    }
  });

  it('answers a re-sent queued scan (same scan id) with its first result and checks in once', async () => {
    const late = await createUser('Late Comer');
    await addMember(eventId, late, 'participant', 'in_person', 'PH');
    const socket = track(await connectAs(server, helper));
    // Queued offline two hours ago, sent twice (the first ack was lost) and once more in parallel.
    const queued = scan(checkinCode(eventId, late.id), randomUUID(), new Date(Date.now() - 2 * 3600_000).toISOString());
    const [a, b] = await Promise.all([send(socket, 'checkin:scan', queued), send(socket, 'checkin:scan', queued)]);
    const c = await send(socket, 'checkin:scan', queued);
    for (const ack of [a, b, c]) {
      expect(ack.ok).toBe(true);
      if (ack.ok) expect(ack.data.outcome).toBe('checked_in');
    }
    expect([a, b, c].filter((x) => x.ok && x.data.replayed)).toHaveLength(2);
    expect(await checkinCount(late.id)).toBe(1);
    const d = await db();
    const [row] = await d.select().from(checkins).where(and(eq(checkins.eventId, eventId), eq(checkins.userId, late.id)));
    expect(row!.checkedInAt.toISOString()).toBe(new Date(queued.scannedAt).toISOString());
    expect((await d.select().from(checkinScans).where(eq(checkinScans.id, queued.scanId))).length).toBe(1);
  });

  it('never dates a queued scan in the future', async () => {
    const early = await createUser('Early Bird');
    await addMember(eventId, early, 'participant', 'in_person', 'PH');
    const socket = track(await connectAs(server, helper));
    const ack = await send(socket, 'checkin:scan', scan(checkinCode(eventId, early.id), randomUUID(), new Date(Date.now() + 86400_000).toISOString()));
    expect(ack.ok && new Date(ack.data.checkedInAt!).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('gives helpers a roster with codes and today’s check-ins for answering offline', async () => {
    const socket = track(await connectAs(server, helper));
    const ack = await send(socket, 'checkin:roster', { eventId });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    const lan = ack.data.people.find((p) => p.userId === participant.id)!;
    expect(lan.code).toBe(checkinCode(eventId, participant.id));
    expect(lan.checkedInAt).not.toBeNull();
  });

  it('lets only staff watch the live counts', async () => {
    const socket = track(await connectAs(server, guest));
    const ack = await send(socket, 'attendance:watch', { eventId });
    expect(ack).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    const bad = await send(socket, 'attendance:watch', { eventId: 'nope' });
    expect(bad.ok === false && bad.error.code).toBe('invalid_payload');
    const mod = track(await connectAs(server, helper));
    const ok = await send(mod, 'attendance:watch', { eventId });
    expect(ok.ok && ok.data.registered.in_person).toBeGreaterThanOrEqual(2);
  });
});

describe('checkin:scan at a room door', () => {
  const addTrack = (title: string, venueRoom: string, event = eventId) =>
    createSession(organizer.id, event, { title, description: '', startsAt: '2026-11-27T11:00', endsAt: '2026-11-27T12:00', kind: 'workshop', speakers: [], venueRoom, liveMode: 'webinar' });
  beforeAll(async () => {
    await addTrack('Track A', 'Room A');
    await addTrack('Track B', 'Room B');
    await addTrack('Their track', 'Other Hall', otherEvent.id);
  });

  const roomScan = (userId: string, venueRoom: string, scanId = randomUUID(), scannedAt = new Date().toISOString()) => ({
    ...scan(checkinCode(eventId, userId), scanId, scannedAt),
    venueRoom,
  });
  async function roomRows(userId: string) {
    const d = await db();
    return d.select().from(roomScans).where(and(eq(roomScans.eventId, eventId), eq(roomScans.userId, userId)));
  }
  async function newcomer(name: string) {
    const user = await createUser(name);
    await addMember(eventId, user, 'participant', 'in_person', 'TH');
    return user;
  }

  it('lists the event’s rooms in the helper’s roster', async () => {
    const socket = track(await connectAs(server, helper));
    const ack = await send(socket, 'checkin:roster', { eventId });
    expect(ack.ok && ack.data.rooms).toEqual(['Room A', 'Room B']);
  });

  it('records a room scan, makes it the day’s check-in, and tells the dashboard (rooms included)', async () => {
    const person = await newcomer('Somchai Room');
    const dashboard = track(await connectAs(server, organizer));
    expect((await send(dashboard, 'attendance:watch', { eventId })).ok).toBe(true);
    const recorded = nextEvent(dashboard, 'checkin:recorded');
    const entered = nextEvent(dashboard, 'checkin:room-scanned');
    const counts = nextEventWhere(dashboard, 'attendance:changed', (c) => c.recentRoomScans.some((r) => r.userId === person.id));
    const socket = track(await connectAs(server, helper));
    const ack = await send(socket, 'checkin:scan', roomScan(person.id, 'Room A'));
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data).toMatchObject({ outcome: 'room_entered', venueRoom: 'Room A', checkedInNow: true, replayed: false, person: { name: 'Somchai Room' } });
    expect(ack.data.roomEnteredAt).toBe(ack.data.checkedInAt);
    expect((await recorded).person.userId).toBe(person.id);
    expect(await entered).toMatchObject({ venueRoom: 'Room A', person: { userId: person.id } });
    const live = await counts;
    expect(live.rooms.find((r) => r.venueRoom === 'Room A')?.present).toBeGreaterThanOrEqual(1);
    expect(live.recentRoomScans[0]).toMatchObject({ userId: person.id, venueRoom: 'Room A' });
    expect(await checkinCount(person.id)).toBe(1);
    expect((await roomRows(person.id)).map((r) => [r.venueRoom, r.scannedBy])).toEqual([['Room A', helper.id]]);
  });

  it('refuses a rescan at the same door as a duplicate, counts another door, and a return after it', async () => {
    const person = await newcomer('Door Hopper');
    const socket = track(await connectAs(server, helper));
    const first = await send(socket, 'checkin:scan', roomScan(person.id, 'Room A'));
    const again = await send(socket, 'checkin:scan', roomScan(person.id, 'Room A'));
    expect(again.ok).toBe(true);
    if (!again.ok || !first.ok) return;
    expect(again.data).toMatchObject({ outcome: 'room_duplicate', venueRoom: 'Room A', checkedInNow: false });
    expect(again.data.roomEnteredAt).toBe(first.data.roomEnteredAt);
    const other = await send(socket, 'checkin:scan', roomScan(person.id, 'Room B'));
    expect(other.ok && other.data).toMatchObject({ outcome: 'room_entered', venueRoom: 'Room B', checkedInNow: false });
    const back = await send(socket, 'checkin:scan', roomScan(person.id, 'Room A'));
    expect(back.ok && back.data.outcome).toBe('room_entered');
    expect((await roomRows(person.id)).length).toBe(3);
    // Whoever was scanned at a door is in the building: the entrance now answers with the day's duplicate.
    const entrance = await send(socket, 'checkin:scan', scan(checkinCode(eventId, person.id)));
    expect(entrance.ok && entrance.data).toMatchObject({ outcome: 'duplicate', checkedInAt: first.data.checkedInAt, venueRoom: null });
    expect(await checkinCount(person.id)).toBe(1);
    const mod = track(await connectAs(server, helper));
    const watched = await send(mod, 'attendance:watch', { eventId });
    expect(watched.ok && watched.data.recentRoomScans.filter((r) => r.userId === person.id).map((r) => r.venueRoom)).toEqual(['Room A', 'Room B', 'Room A']);
  });

  it('refuses a room of another event, or one not on the programme, and records nothing', async () => {
    const person = await newcomer('Wrong Door');
    const socket = track(await connectAs(server, helper));
    for (const room of ['Other Hall', 'Nowhere', 'room a']) {
      const bad = roomScan(person.id, room);
      const ack = await send(socket, 'checkin:scan', bad);
      expect(ack).toEqual({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
      const d = await db();
      expect(await d.select().from(checkinScans).where(eq(checkinScans.id, bad.scanId))).toEqual([]);
    }
    expect(await roomRows(person.id)).toEqual([]);
    expect(await checkinCount(person.id)).toBe(0);
  });

  it('refuses a participant at a room door and changes nothing', async () => {
    const person = await newcomer('Not Scanned');
    const socket = track(await connectAs(server, guest));
    const ack = await send(socket, 'checkin:scan', roomScan(person.id, 'Room A'));
    expect(ack).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(await roomRows(person.id)).toEqual([]);
    expect(await checkinCount(person.id)).toBe(0);
  });

  it('answers a code of another event at a room door as at the entrance', async () => {
    const socket = track(await connectAs(server, helper));
    const ack = await send(socket, 'checkin:scan', { ...scan(qrPayload(otherEvent.id, otherPerson.id)), venueRoom: 'Room B' });
    expect(ack.ok && ack.data).toMatchObject({ outcome: 'other_event', person: null, venueRoom: 'Room B' });
  });

  it('records a queued room scan once, at the time it was made, however often it is sent', async () => {
    const person = await newcomer('Queued Roomer');
    const socket = track(await connectAs(server, helper));
    const queued = roomScan(person.id, 'Room B', randomUUID(), new Date(Date.now() - 40 * 60_000).toISOString());
    const [a, b] = await Promise.all([send(socket, 'checkin:scan', queued), send(socket, 'checkin:scan', queued)]);
    const c = await send(socket, 'checkin:scan', queued);
    for (const ack of [a, b, c]) {
      expect(ack.ok && ack.data).toMatchObject({ outcome: 'room_entered', venueRoom: 'Room B', checkedInNow: true, roomEnteredAt: new Date(queued.scannedAt).toISOString() });
    }
    expect([a, b, c].filter((x) => x.ok && x.data.replayed)).toHaveLength(2);
    const rows = await roomRows(person.id);
    expect(rows.map((r) => r.scannedAt.toISOString())).toEqual([new Date(queued.scannedAt).toISOString()]);
    // A later scan at the same door, sent before the queued one arrives, is not a duplicate of it (40 minutes apart).
    const now = await send(socket, 'checkin:scan', roomScan(person.id, 'Room B'));
    expect(now.ok && now.data.outcome).toBe('room_entered');
    // A queued rescan made two minutes after the queued scan is its duplicate, even when it arrives last.
    const rescan = roomScan(person.id, 'Room B', randomUUID(), new Date(Date.now() - 38 * 60_000).toISOString());
    const dup = await send(socket, 'checkin:scan', rescan);
    expect(dup.ok && dup.data).toMatchObject({ outcome: 'room_duplicate', roomEnteredAt: new Date(queued.scannedAt).toISOString() });
    expect((await roomRows(person.id)).length).toBe(2);
  });
});

describe('badge sheet', () => {
  it('prints every in-hall participant with their code, for organizers only', async () => {
    await expect(badgeSheetPdf(helper.id, eventId)).rejects.toMatchObject({ code: 'forbidden' });
    const { pdf } = await badgeSheetPdf(organizer.id, eventId);
    const text = await pdfText(pdf);
    expect(text).toContain('Nguyen Thi Lan');
    expect(text).toContain(formatCode(checkinCode(eventId, participant.id)));
    expect(text).toContain('Vietnam');
    // Online participants get no badge.
    expect(text).not.toContain('Hana Helper');
  });

  it('is worded in the language asked for', async () => {
    const maria = await createUser('Maria Santos');
    await addMember(eventId, maria, 'participant', 'in_person', 'PH');
    expect(await pdfText((await badgeSheetPdf(organizer.id, eventId)).pdf)).toContain('Philippines');
    expect(await pdfText((await badgeSheetPdf(organizer.id, eventId, 'id')).pdf)).toContain('Filipina');
    const remoteOrganizer = await createUser('Remote Organizer');
    const { event: empty } = await createEventWithSession(remoteOrganizer);
    await addMember(empty.id, remoteOrganizer, 'organizer', 'remote');
    expect(await pdfText((await badgeSheetPdf(remoteOrganizer.id, empty.id, 'id')).pdf)).toContain('Belum ada peserta di aula.');
  });
});
