import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { breakoutAttendance, breakoutRooms, breakoutRuns } from '../../lib/db/schema';
import { closeInterval, openInterval } from '../../lib/services/attendance-tracking';
import { attendanceForStaff } from '../../lib/services/attendance-report';
import { connectionLogCsv, ownAttendanceDetail, sessionAttendanceForStaff } from '../../lib/services/attendance-detail';
import { checkinCode, recordScan } from '../../lib/services/checkin';
import { createSession } from '../../lib/services/programme';
import { addMember, createEventWithSession, createUser, startTestServer, type TestUser } from '../fixtures/server';

let server: RunningServer;

// createEventWithSession: 2026-11-27 09:00–10:00 in Jakarta = 02:00–03:00 UTC. The workshop: 11:00–12:00 = 04:00–05:00 UTC.
const at = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00Z`);
const NOW = at('05:30');

let organizer: TestUser;
let moderator: TestUser;
let tenzin: TestUser;
let lan: TestUser;
let absent: TestUser;
let formula: TestUser;
let eventId: string;
let plenary: string;
let workshop: string;

const stay = async (userId: string, from: string, to: string | null) => {
  const connectionId = randomUUID();
  await openInterval({ eventId, sessionId: plenary, userId, connectionId }, at(from));
  if (to) await closeInterval(connectionId, 'disconnect', at(to));
};

beforeAll(async () => {
  server = await startTestServer();
  organizer = await createUser('Olive Organizer');
  moderator = await createUser('Mo Moderator');
  const created = await createEventWithSession(organizer);
  eventId = created.event.id;
  plenary = created.session.id;
  await addMember(eventId, moderator, 'moderator');
  tenzin = await createUser('Tenzin Gurung');
  await addMember(eventId, tenzin, 'participant', 'remote', 'NP');
  lan = await createUser('Nguyễn Thị Lan');
  await addMember(eventId, lan, 'participant', 'in_person', 'VN');
  absent = await createUser('Absent Person');
  await addMember(eventId, absent, 'participant', 'remote', 'IN');
  formula = await createUser('=HYPERLINK("http://evil.example")');
  await addMember(eventId, formula, 'participant', 'remote', 'TH');
  workshop = (
    await createSession(organizer.id, eventId, {
      title: 'Workshop',
      description: '',
      startsAt: '2026-11-27T11:00',
      endsAt: '2026-11-27T12:00',
      kind: 'workshop',
      speakers: [],
      venueRoom: 'Room A',
      liveMode: 'webinar',
    })
  ).id;

  // Tenzin: drops at 02:15, reconnects a minute later, goes to breakout room 1 from 02:30 to 02:45, then back in the main room and still there.
  await stay(tenzin.id, '02:00', '02:15');
  await stay(tenzin.id, '02:16', '02:30');
  const d = await db();
  const runId = randomUUID();
  await d.insert(breakoutRuns).values({ id: runId, sessionId: plenary, eventId, mode: 'manual', seed: 'x', endsAt: at('02:45'), status: 'closed' });
  const [room] = await d.insert(breakoutRooms).values({ runId, position: 1, name: 'Room 1' }).returning();
  await d.insert(breakoutAttendance).values({ runId, roomId: room!.id, userId: tenzin.id, joinedAt: at('02:30'), leftAt: at('02:45') });
  // A reconnect race leaves a stay that ended as it began: it must not be listed.
  await stay(tenzin.id, '02:40', '02:40');
  await stay(tenzin.id, '02:45', null);
  await stay(formula.id, '02:00', '02:05');

  // Lan: checked in at the entrance at 08:30 Jakarta, scanned at the workshop's door at 11:10.
  const scan = (hhmm: string, venueRoom?: string) =>
    recordScan(organizer.id, { eventId, scanId: randomUUID(), code: checkinCode(eventId, lan.id), scannedAt: at(hhmm).toISOString(), venueRoom }, at(hhmm));
  await scan('01:30');
  expect((await scan('04:10', 'Room A')).outcome).toBe('room_entered');
});
afterAll(async () => {
  await server.close();
});

describe('per-session attendance detail for staff', () => {
  it('lists each join and leave, the reconnect and the breakout stay, and the check-in, with the report’s minutes', async () => {
    const { counted, rows } = await sessionAttendanceForStaff(moderator.id, eventId, plenary, NOW);
    expect(counted?.hallEvidence).toBe('day_checkin');
    // Sorted by name; the absent member has no row.
    expect(rows.map((r) => r.name)).toEqual(['=HYPERLINK("http://evil.example")', 'Nguyễn Thị Lan', 'Tenzin Gurung']);
    const t = rows.find((r) => r.userId === tenzin.id)!;
    expect(t).toMatchObject({ where: 'online', seconds: 59 * 60, country: 'NP', attendanceMode: 'remote', hall: [] });
    expect(t.online).toEqual([
      { place: 'main', room: null, joinedAt: at('02:00'), leftAt: at('02:15') },
      { place: 'main', room: null, joinedAt: at('02:16'), leftAt: at('02:30') },
      { place: 'breakout', room: 'Room 1', joinedAt: at('02:30'), leftAt: at('02:45') },
      { place: 'main', room: null, joinedAt: at('02:45'), leftAt: null },
    ]);
    const l = rows.find((r) => r.userId === lan.id)!;
    expect(l).toMatchObject({ where: 'hall', seconds: 3600, online: [], hall: [{ kind: 'checkin', at: at('01:30'), room: null }] });

    // The same minutes as the dashboard (and so the certificate).
    const { report } = await attendanceForStaff(moderator.id, eventId, NOW);
    const i = report.sessions.findIndex((s) => s.id === plenary);
    for (const r of rows) expect(r.seconds).toBe(report.people.find((p) => p.userId === r.userId)!.sessions[i]!.seconds);
  });

  it('shows the room-door scans as the hall evidence where the door was scanned', async () => {
    const { counted, rows } = await sessionAttendanceForStaff(organizer.id, eventId, workshop, NOW);
    expect(counted?.hallEvidence).toBe('room_scans');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: lan.id, seconds: 50 * 60, where: 'hall', hall: [{ kind: 'room_door', at: at('04:10'), room: 'Room A' }] });
  });

  it('has no rows for a session that has not started', async () => {
    const detail = await sessionAttendanceForStaff(organizer.id, eventId, workshop, at('03:30'));
    expect(detail).toMatchObject({ counted: null, rows: [] });
    expect(detail.session.title).toBe('Workshop');
  });

  it('refuses participants and outsiders, and sessions of another event', async () => {
    await expect(sessionAttendanceForStaff(tenzin.id, eventId, plenary, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const outsider = await createUser('Not A Member');
    await expect(sessionAttendanceForStaff(outsider.id, eventId, plenary, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const other = await createEventWithSession(organizer);
    await expect(sessionAttendanceForStaff(organizer.id, eventId, other.session.id, NOW)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('own attendance detail', () => {
  it('gives a participant their own joins and leaves for every session, and nobody else’s', async () => {
    const own = await ownAttendanceDetail(tenzin.id, eventId, NOW);
    expect(own.report.people.map((p) => p.userId)).toEqual([tenzin.id]);
    expect(own.me.seconds).toBe(59 * 60);
    const mine = own.sessions;
    expect(mine.map((m) => m.session.id)).toEqual([plenary, workshop]);
    expect(mine.every((m) => m.detail.userId === tenzin.id)).toBe(true);
    expect(mine[0]!.detail.online).toHaveLength(4);
    expect(mine[0]!.detail.seconds).toBe(59 * 60);
    expect(mine[1]!.detail).toMatchObject({ seconds: 0, online: [], hall: [] });

    const hers = (await ownAttendanceDetail(lan.id, eventId, NOW)).sessions;
    expect(hers[0]!.detail.online).toEqual([]);
    expect(hers[1]!.detail.hall).toEqual([{ kind: 'room_door', at: at('04:10'), room: 'Room A' }]);

    await expect(ownAttendanceDetail((await createUser('Stranger')).id, eventId, NOW)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('connection log CSV', () => {
  it('has one row per stay and per hall evidence, for organizers only, safe to open in a spreadsheet', async () => {
    await expect(connectionLogCsv(moderator.id, eventId, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(connectionLogCsv(tenzin.id, eventId, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const { filename, csv } = await connectionLogCsv(organizer.id, eventId, NOW);
    expect(filename).toMatch(/^connection-log-.+\.csv$/);
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, '').trim()).data;
    expect(parsed[0]).toEqual(['name', 'email', 'country', 'attendance mode', 'session', 'place', 'joined (UTC)', 'left (UTC)', 'minutes']);
    const of = (name: string) => parsed.filter((r) => r[0] === name).map((r) => [r[2], r[3], r[4], r[5], r[6], r[7], r[8]]);
    const plenaryTitle = 'Opening plenary (2026-11-27)';
    expect(of('Tenzin Gurung')).toEqual([
      ['Nepal', 'remote', plenaryTitle, 'main room', '2026-11-27T02:00:00.000Z', '2026-11-27T02:15:00.000Z', '15'],
      ['Nepal', 'remote', plenaryTitle, 'main room', '2026-11-27T02:16:00.000Z', '2026-11-27T02:30:00.000Z', '14'],
      ['Nepal', 'remote', plenaryTitle, 'breakout room: Room 1', '2026-11-27T02:30:00.000Z', '2026-11-27T02:45:00.000Z', '15'],
      // Still connected: no leave time, minutes so far.
      ['Nepal', 'remote', plenaryTitle, 'main room', '2026-11-27T02:45:00.000Z', '', '165'],
    ]);
    expect(of('Nguyễn Thị Lan')).toEqual([
      ['Vietnam', 'in_person', plenaryTitle, 'hall check-in', '2026-11-27T01:30:00.000Z', '', '60'],
      ['Vietnam', 'in_person', 'Workshop (2026-11-27)', 'room door: Room A', '2026-11-27T04:10:00.000Z', '', '50'],
    ]);
    expect(of('Absent Person')).toEqual([]);
    // The name would be a formula; it starts with a quote instead.
    expect(of(`'=HYPERLINK("http://evil.example")`)).toHaveLength(1);
    expect(parsed.some((r) => r[0]!.startsWith('='))).toBe(false);
  });
});
