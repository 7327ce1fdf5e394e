import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { attendanceIntervals, breakoutAttendance, breakoutRooms, breakoutRuns } from '../../lib/db/schema';
import { closeInterval, closeStaleIntervals, openInterval } from '../../lib/services/attendance-tracking';
import { attendanceCsv, attendanceForStaff, ownAttendance } from '../../lib/services/attendance-report';
import {
  certificateForDownload,
  certificatePdf,
  issueCertificates,
  ownCertificate,
  setCertificateThreshold,
  verifyCertificate,
} from '../../lib/services/certificates';
import { checkinCode, recordScan } from '../../lib/services/checkin';
import { createSession } from '../../lib/services/programme';
import { addMember, connectAs, createEventWithSession, createUser, send, startTestServer, type TestSocket, type TestUser } from '../fixtures/server';
import { pdfText } from '../fixtures/pdf-text';

let server: RunningServer;
const sockets: TestSocket[] = [];
const track = (s: TestSocket) => (sockets.push(s), s);

// createEventWithSession: 2026-11-27 09:00–10:00 in Jakarta = 02:00–03:00 UTC.
const at = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00Z`);
const AFTER = at('04:00');

let organizer: TestUser;
let moderator: TestUser;
let eventId: string;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await createUser('Olive Organizer');
  moderator = await createUser('Mo Moderator');
  const created = await createEventWithSession(organizer);
  eventId = created.event.id;
  sessionId = created.session.id;
  await addMember(eventId, moderator, 'moderator');
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

async function participant(name: string, mode: 'remote' | 'in_person' = 'remote', country = 'NP') {
  const user = await createUser(name);
  await addMember(eventId, user, 'participant', mode, country);
  return user;
}

const stay = async (userId: string, from: string, to: string | null, connectionId = randomUUID()) => {
  await openInterval({ eventId, sessionId, userId, connectionId }, at(from));
  if (to) await closeInterval(connectionId, 'disconnect', at(to));
  return connectionId;
};

async function minutesOf(userId: string, now = AFTER) {
  const { me } = await ownAttendance(userId, eventId, now);
  return me.sessions[0]!.seconds / 60;
}

describe('online minutes from join/leave intervals', () => {
  it('merges two overlapping tabs and clips to the session window', async () => {
    const p = await participant('Two Tabs');
    await stay(p.id, '01:50', '02:20');
    await stay(p.id, '02:10', '02:40');
    expect(await minutesOf(p.id)).toBe(40);
  });

  it('counts a reconnect without the gap, and a leave/rejoin as two stays', async () => {
    const p = await participant('Flaky Wifi');
    await stay(p.id, '02:00', '02:15');
    await stay(p.id, '02:16', '02:30');
    await stay(p.id, '02:30', '02:31');
    expect(await minutesOf(p.id)).toBe(30);
  });

  it('counts a connection still open up to now, and never past the session end', async () => {
    const p = await participant('Still Here');
    await stay(p.id, '02:50', null);
    expect(await minutesOf(p.id, at('02:55'))).toBe(5);
    expect(await minutesOf(p.id, AFTER)).toBe(10);
  });

  it('closes intervals a crashed server left open at the last heartbeat', async () => {
    const p = await participant('Crash Victim');
    const connectionId = await stay(p.id, '02:00', null);
    const d = await db();
    await d.update(attendanceIntervals).set({ lastSeenAt: at('02:05') }).where(eq(attendanceIntervals.connectionId, connectionId));
    expect(await closeStaleIntervals(at('02:20'))).toBeGreaterThanOrEqual(1);
    const [row] = await d.select().from(attendanceIntervals).where(eq(attendanceIntervals.connectionId, connectionId));
    expect(row).toMatchObject({ leftAt: at('02:05'), closedBy: 'stale' });
    expect(await minutesOf(p.id)).toBe(5);
  });

  it('moving a connection to another session closes the first stay', async () => {
    const p = await participant('Session Hopper');
    const connectionId = await stay(p.id, '02:00', null);
    await openInterval({ eventId, sessionId, userId: p.id, connectionId }, at('02:20'));
    await closeInterval(connectionId, 'leave', at('02:25'));
    expect(await minutesOf(p.id)).toBe(25);
  });

  it('adds time in breakout rooms of the session, merged with the main room', async () => {
    const p = await participant('Breakout Goer');
    await stay(p.id, '02:00', '02:20');
    const d = await db();
    const runId = randomUUID();
    await d.insert(breakoutRuns).values({ id: runId, sessionId, eventId, mode: 'manual', seed: 'x', endsAt: at('02:50'), status: 'closed' });
    const [room] = await d.insert(breakoutRooms).values({ runId, position: 1, name: 'Room 1' }).returning();
    // In the main room until 02:20 while the breakout started at 02:15 (overlap), then in the room until 02:45.
    await d.insert(breakoutAttendance).values({ runId, roomId: room!.id, userId: p.id, joinedAt: at('02:15'), leftAt: at('02:45') });
    expect(await minutesOf(p.id)).toBe(45);
  });

  it('records intervals from the live connection: join, second tab, leave, disconnect', async () => {
    const p = await participant('Live Person');
    const tab1 = track(await connectAs(server, p));
    const tab2 = track(await connectAs(server, p));
    expect((await send(tab1, 'presence:join', { sessionId })).ok).toBe(true);
    expect((await send(tab2, 'presence:join', { sessionId })).ok).toBe(true);
    const d = await db();
    const rows = async () => d.select().from(attendanceIntervals).where(and(eq(attendanceIntervals.userId, p.id), eq(attendanceIntervals.sessionId, sessionId)));
    await expect.poll(async () => (await rows()).filter((r) => r.leftAt === null).length).toBe(2);
    expect((await send(tab1, 'presence:leave', { sessionId })).ok).toBe(true);
    await expect.poll(async () => (await rows()).find((r) => r.connectionId === tab1.id)?.closedBy).toBe('leave');
    tab2.disconnect();
    await expect.poll(async () => (await rows()).find((r) => r.leftAt === null)).toBeUndefined();
    expect((await rows()).map((r) => r.closedBy).sort()).toEqual(['disconnect', 'leave']);
  });
});

describe('hall attendance, the report, certificates', () => {
  let hall: TestUser;
  let online: TestUser;
  let low: TestUser;

  beforeAll(async () => {
    hall = await participant('Nguyễn Thị Lan', 'in_person', 'VN');
    online = await participant('Tenzin Online', 'remote', 'NP');
    low = await participant('Low Attender', 'remote', 'IN');
    await recordScan(organizer.id, { eventId, scanId: randomUUID(), code: checkinCode(eventId, hall.id), scannedAt: at('01:30').toISOString() }, at('01:30'));
    await stay(online.id, '02:00', '02:50');
    await stay(low.id, '02:00', '02:10');
  });

  it('counts the day’s check-in as the whole session in the hall', async () => {
    const { me } = await ownAttendance(hall.id, eventId, AFTER);
    expect(me.sessions[0]).toMatchObject({ seconds: 3600, where: 'hall' });
    expect(me.percent).toBe(100);
    expect(me.checkinDays).toEqual(['2026-11-27']);
  });

  it('lets a participant read only their own row, and staff read everyone', async () => {
    const own = await ownAttendance(online.id, eventId, AFTER);
    expect(own.report.people.map((p) => p.userId)).toEqual([online.id]);
    await expect(attendanceForStaff(online.id, eventId, AFTER)).rejects.toMatchObject({ code: 'forbidden' });
    const outsider = await createUser('Not A Member');
    await expect(ownAttendance(outsider.id, eventId, AFTER)).rejects.toMatchObject({ code: 'not_found' });
    const staff = await attendanceForStaff(moderator.id, eventId, AFTER);
    expect(staff.report.people.find((p) => p.userId === online.id)?.percent).toBe(83);
    await expect(attendanceCsv(moderator.id, eventId, AFTER)).rejects.toMatchObject({ code: 'forbidden' });
    const { csv } = await attendanceCsv(organizer.id, eventId, AFTER);
    expect(csv).toContain('Tenzin Online');
    expect(csv.split('\n').find((l) => l.includes('Tenzin Online'))).toContain(',50,60,83,');
  });

  it('issues certificates to those at or above the threshold, verifiable publicly, downloadable by the holder only', async () => {
    await expect(setCertificateThreshold(moderator.id, eventId, 50)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setCertificateThreshold(organizer.id, eventId, 101)).rejects.toMatchObject({ code: 'invalid_payload' });
    await setCertificateThreshold(organizer.id, eventId, 80);
    await expect(issueCertificates(online.id, eventId, AFTER)).rejects.toMatchObject({ code: 'forbidden' });
    const first = await issueCertificates(organizer.id, eventId, AFTER);
    expect(await ownCertificate(low.id, eventId)).toBeNull();
    const cert = (await ownCertificate(online.id, eventId))!;
    expect(cert).toMatchObject({ percent: 83, minutes: 50, participantName: 'Tenzin Online' });
    expect(first.issued).toBeGreaterThanOrEqual(2);

    // Re-issuing keeps the code, so shared links stay valid.
    const again = await issueCertificates(organizer.id, eventId, AFTER);
    expect(again.issued).toBe(0);
    expect((await ownCertificate(online.id, eventId))!.code).toBe(cert.code);

    expect((await verifyCertificate(cert.code.toLowerCase().replace('-', ' ')))?.userId).toBe(online.id);
    expect(await verifyCertificate('AAAAA-AAAAA')).toBeNull();
    expect(await verifyCertificate('nonsense')).toBeNull();

    expect((await certificateForDownload(online.id, cert.code)).id).toBe(cert.id);
    expect((await certificateForDownload(organizer.id, cert.code)).id).toBe(cert.id);
    await expect(certificateForDownload(low.id, cert.code)).rejects.toMatchObject({ code: 'not_found' });

    const hallCert = (await ownCertificate(hall.id, eventId))!;
    const bytes = await certificatePdf(hallCert);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const text = await pdfText(bytes);
    expect(text).toContain('Certificate of attendance');
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).toContain('60 minutes in 1 session (100% of the programme)');
    expect(text).toContain(`Verification code: ${hallCert.code}`);
    expect(text).toContain(`/verify/${hallCert.code}`);

    // The same certificate in Bahasa Indonesia: the wording changes, names and titles stay as written.
    const indonesian = await pdfText(await certificatePdf(hallCert, 'id'));
    expect(indonesian).toContain('Sertifikat Kehadiran');
    expect(indonesian).toContain('Nguyễn Thị Lan');
    expect(indonesian).toContain('60 menit dalam 1 sesi (100% dari program)');
    expect(indonesian).toContain(`Kode verifikasi: ${hallCert.code}`);
    expect(indonesian).not.toContain('Certificate of attendance');
  });
});

describe('hall attendance by room scans', () => {
  // Two tracks at the same time, 11:00–12:00 in Jakarta (04:00–05:00 UTC), after the opening plenary (no room).
  const LATER = at('06:00');
  let trackA: string;
  let trackB: string;

  beforeAll(async () => {
    for (const [title, room] of [
      ['Track A', 'Room A'],
      ['Track B', 'Room B'],
    ] as const) {
      const s = await createSession(organizer.id, eventId, {
        title,
        description: '',
        startsAt: '2026-11-27T11:00',
        endsAt: '2026-11-27T12:00',
        kind: 'workshop',
        speakers: [],
        venueRoom: room,
        liveMode: 'webinar',
      });
      if (room === 'Room A') trackA = s.id;
      else trackB = s.id;
    }
  });

  const scanAt = (userId: string, hhmm: string, venueRoom?: string) =>
    recordScan(moderator.id, { eventId, scanId: randomUUID(), code: checkinCode(eventId, userId), scannedAt: at(hhmm).toISOString(), venueRoom }, at(hhmm));

  it('credits the room a person was scanned into, from the scan, and not the parallel track', async () => {
    const late = await participant('Late To Track A', 'in_person', 'TH');
    const entranceOnly = await participant('Entrance Only', 'in_person', 'MY');
    const inB = await participant('Sits In B', 'in_person', 'PH');
    // Checked in at the entrance in the morning; at 11:15 scanned at room A's door.
    await scanAt(late.id, '01:30');
    expect((await scanAt(late.id, '04:15', 'Room A')).outcome).toBe('room_entered');
    await scanAt(entranceOnly.id, '01:35');
    // Scanned at room B's door before it started, and never at the entrance: that is the day's check-in too.
    expect((await scanAt(inB.id, '03:50', 'Room B')).checkedInNow).toBe(true);

    const { report } = await attendanceForStaff(organizer.id, eventId, LATER);
    const evidence = Object.fromEntries(report.sessions.map((s) => [s.id, s.hallEvidence]));
    expect(evidence).toEqual({ [sessionId]: 'day_checkin', [trackA]: 'room_scans', [trackB]: 'room_scans' });
    const minutes = (userId: string) => {
      const p = report.people.find((x) => x.userId === userId)!;
      return Object.fromEntries(report.sessions.map((s, i) => [s.title, p.sessions[i]!.seconds / 60]));
    };
    expect(minutes(late.id)).toEqual({ 'Opening plenary': 60, 'Track A': 45, 'Track B': 0 });
    // Checked in, but the doors of both tracks were scanned and this person was at neither.
    expect(minutes(entranceOnly.id)).toEqual({ 'Opening plenary': 60, 'Track A': 0, 'Track B': 0 });
    expect(minutes(inB.id)).toEqual({ 'Opening plenary': 60, 'Track A': 0, 'Track B': 60 });
    const p = report.people.find((x) => x.userId === inB.id)!;
    expect(p.checkinDays).toEqual(['2026-11-27']);
    expect(p.percent).toBe(66); // 120 of 180 minutes

    const { csv } = await attendanceCsv(organizer.id, eventId, LATER);
    expect(csv.split('\n').find((l) => l.includes('Late To Track A'))).toContain(',105,180,58,60,45,0');
  });
});
