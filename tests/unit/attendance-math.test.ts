import { describe, expect, it } from 'vitest';
import { buildReport, coveredMs, initials, mergeSpans, minutesLabel } from '../../lib/domain/attendance';

const m = (min: number) => min * 60_000;

describe('mergeSpans / coveredMs', () => {
  it.each([
    ['one span', [[0, 10]], 0, 60, 10],
    ['two overlapping tabs', [[0, 30], [10, 40]], 0, 60, 40],
    ['one tab inside another', [[0, 60], [10, 20]], 0, 60, 60],
    ['a reconnect gap is not counted', [[0, 15], [16, 30]], 0, 60, 29],
    ['touching spans join', [[0, 15], [15, 30]], 0, 60, 30],
    ['clipped to the window', [[-10, 20], [50, 90]], 0, 60, 30],
    ['nothing inside the window', [[70, 90]], 0, 60, 0],
    ['empty and inverted spans ignored', [[5, 5], [9, 3]], 0, 60, 0],
  ])('%s', (_label, spans, from, to, minutes) => {
    expect(coveredMs(spans.map(([a, b]) => ({ start: m(a!), end: m(b!) })), m(from), m(to))).toBe(m(minutes));
  });

  it('returns sorted, disjoint spans', () => {
    expect(mergeSpans([{ start: 20, end: 30 }, { start: 0, end: 10 }, { start: 5, end: 12 }])).toEqual([
      { start: 0, end: 12 },
      { start: 20, end: 30 },
    ]);
  });
});

describe('buildReport', () => {
  const t = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00Z`);
  const person = (userId: string) => ({ userId, name: userId, email: null, country: null, organisation: '', role: 'participant' as const, attendanceMode: 'remote' as const });
  const sessions = [
    { id: 's1', title: 'One', startsAt: t('02:00'), endsAt: t('03:00'), kind: 'plenary' as const, venueRoom: '' },
    { id: 'brk', title: 'Coffee', startsAt: t('03:00'), endsAt: t('03:30'), kind: 'break' as const, venueRoom: '' },
    { id: 's2', title: 'Two', startsAt: t('03:30'), endsAt: t('04:30'), kind: 'workshop' as const, venueRoom: '' },
    { id: 'later', title: 'Tomorrow', startsAt: t('23:00'), endsAt: t('23:30'), kind: 'plenary' as const, venueRoom: '' },
  ];

  it('counts started sessions (a running one up to now), skips breaks and the future, floors the percentage', () => {
    const report = buildReport({
      sessions,
      people: [person('a'), person('hall')],
      intervals: [
        { userId: 'a', sessionId: 's1', joinedAt: t('02:00'), leftAt: t('02:45') },
        { userId: 'a', sessionId: 's2', joinedAt: t('03:20'), leftAt: null },
      ],
      checkinDays: new Map([['hall', new Set(['2026-11-27'])]]),
      timeZone: 'Asia/Jakarta',
      now: t('04:00'),
    });
    expect(report.sessions.map((s) => [s.id, s.countedSeconds / 60])).toEqual([
      ['s1', 60],
      ['s2', 30],
    ]);
    const [a, hall] = report.people;
    expect(a!.sessions.map((s) => s.seconds / 60)).toEqual([45, 30]);
    expect(a!.percent).toBe(83); // 75 of 90 minutes = 83.3 %
    expect(hall!.sessions.map((s) => s.where)).toEqual(['hall', 'hall']);
    expect(hall!.percent).toBe(100);
  });

  it('uses the event’s day for the hall: a check-in on another day does not count', () => {
    const report = buildReport({
      sessions: sessions.slice(0, 1),
      people: [person('hall')],
      intervals: [],
      checkinDays: new Map([['hall', new Set(['2026-11-26'])]]),
      timeZone: 'Asia/Jakarta',
      now: t('05:00'),
    });
    expect(report.people[0]!.seconds).toBe(0);
  });
});

describe('buildReport with room scans', () => {
  const t = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00Z`);
  const person = (userId: string) => ({ userId, name: userId, email: null, country: null, organisation: '', role: 'participant' as const, attendanceMode: 'in_person' as const });
  // Two tracks in parallel (rooms A and B), then a plenary with no room. Jakarta: 09:00–10:00 and 10:30–11:30.
  const sessions = [
    { id: 'a1', title: 'Track A', startsAt: t('02:00'), endsAt: t('03:00'), kind: 'workshop' as const, venueRoom: 'Room A' },
    { id: 'b1', title: 'Track B', startsAt: t('02:00'), endsAt: t('03:00'), kind: 'workshop' as const, venueRoom: 'Room B' },
    { id: 'p', title: 'Plenary', startsAt: t('03:30'), endsAt: t('04:30'), kind: 'plenary' as const, venueRoom: '' },
  ];
  type Scan = [user: string, room: 'Room A' | 'Room B', at: string];
  const report = (scans: Scan[], checkedIn = true, intervals: { sessionId: string; from: string; to: string }[] = []) =>
    buildReport({
      sessions,
      people: [person('x'), person('y')],
      intervals: intervals.map((i) => ({ userId: 'x', sessionId: i.sessionId, joinedAt: t(i.from), leftAt: t(i.to) })),
      checkinDays: new Map(checkedIn ? [['x', new Set(['2026-11-27'])], ['y', new Set(['2026-11-27'])]] : []),
      roomScans: scans.map(([userId, venueRoom, at]) => ({ userId, venueRoom, scannedAt: t(at) })),
      timeZone: 'Asia/Jakarta',
      now: t('05:00'),
    });

  // y is scanned into room B before it starts, so B always uses its door unless a row says otherwise.
  it.each<[string, Scan[], { a1: number; b1: number; p: number }, { a1: string; b1: string }]>([
    ['late arrival: counted from the scan, not the start', [['x', 'Room A', '02:20'], ['y', 'Room B', '01:55']], { a1: 40, b1: 0, p: 60 }, { a1: 'room_scans', b1: 'room_scans' }],
    ['two parallel sessions: only the room scanned into', [['x', 'Room A', '01:45'], ['y', 'Room B', '01:50']], { a1: 60, b1: 0, p: 60 }, { a1: 'room_scans', b1: 'room_scans' }],
    ['moved rooms mid-session: the first room until the second scan', [['x', 'Room A', '01:50'], ['x', 'Room B', '02:30'], ['y', 'Room B', '01:55']], { a1: 30, b1: 30, p: 60 }, { a1: 'room_scans', b1: 'room_scans' }],
    ['a rescan at the same door does not end the stay; back again counts again', [['x', 'Room A', '01:50'], ['x', 'Room A', '02:05'], ['x', 'Room B', '02:10'], ['x', 'Room A', '02:40'], ['y', 'Room B', '01:55']], { a1: 30, b1: 30, p: 60 }, { a1: 'room_scans', b1: 'room_scans' }],
    ['checked in at the entrance but never scanned into a scanned room: no hall time there', [['y', 'Room A', '01:40'], ['y', 'Room B', '01:55']], { a1: 0, b1: 0, p: 60 }, { a1: 'room_scans', b1: 'room_scans' }],
    ['no room scans at all: the day’s check-in counts every session, as before', [], { a1: 60, b1: 60, p: 60 }, { a1: 'day_checkin', b1: 'day_checkin' }],
    ['room A never scanned for its session: A falls back to the day rule, B uses its door', [['y', 'Room B', '01:55']], { a1: 60, b1: 0, p: 60 }, { a1: 'day_checkin', b1: 'room_scans' }],
    ['a scan more than 30 minutes before the start does not switch the room to scanning', [['x', 'Room A', '01:20'], ['y', 'Room B', '01:55']], { a1: 60, b1: 0, p: 60 }, { a1: 'day_checkin', b1: 'room_scans' }],
    ['a scan after the session ended is no evidence for it', [['x', 'Room A', '03:10'], ['y', 'Room B', '01:55']], { a1: 60, b1: 0, p: 60 }, { a1: 'day_checkin', b1: 'room_scans' }],
  ])('%s', (_label, scans, minutes, evidence) => {
    const r = report(scans);
    expect(Object.fromEntries(r.sessions.map((s) => [s.id, s.hallEvidence]))).toEqual({ ...evidence, p: 'day_checkin' });
    const x = r.people.find((p) => p.userId === 'x')!;
    expect(Object.fromEntries(x.sessions.map((s) => [s.sessionId, s.seconds / 60]))).toEqual(minutes);
    expect(x.sessions.map((s) => s.where)).toEqual([minutes.a1 ? 'hall' : null, minutes.b1 ? 'hall' : null, 'hall']);
    expect(x.seconds / 60).toBe(minutes.a1 + minutes.b1 + minutes.p);
  });

  it('without a check-in the day rule gives nothing, but a room scan is evidence on its own', () => {
    const x = report([['x', 'Room A', '02:30']], false).people.find((p) => p.userId === 'x')!;
    expect(x.sessions.map((s) => s.seconds / 60)).toEqual([30, 0, 0]);
  });

  it('counts the room and the laptop once: the union of hall and online time, where = both', () => {
    const x = report([['x', 'Room A', '02:30']], true, [{ sessionId: 'a1', from: '02:00', to: '02:45' }]).people.find((p) => p.userId === 'x')!;
    expect(x.sessions[0]).toEqual({ sessionId: 'a1', seconds: 3600, where: 'both', hallSeconds: 1800, onlineSeconds: 2700 });
  });

  it('a room stay ends with the day: yesterday’s last room scan is no evidence today', () => {
    const r = buildReport({
      sessions: [sessions[0]!],
      people: [person('x')],
      intervals: [],
      checkinDays: new Map([['x', new Set(['2026-11-27'])]]),
      // 08:00 on the 26th in Jakarta, then someone else at the door on the 27th.
      roomScans: [
        { userId: 'x', venueRoom: 'Room A', scannedAt: new Date('2026-11-26T01:00:00Z') },
        { userId: 'y', venueRoom: 'Room A', scannedAt: t('01:55') },
      ],
      timeZone: 'Asia/Jakarta',
      now: t('05:00'),
    });
    expect(r.people[0]!.seconds).toBe(0);
  });
});

describe('labels', () => {
  it.each([
    ['Nguyen Thi Lan', 'NL'],
    ['siti', 'S'],
    ['  Ana  Dela Cruz ', 'AC'],
  ])('initials(%s) = %s', (name, expected) => expect(initials(name)).toBe(expected));
  it.each([
    [0, '0'],
    [20, '<1'],
    [89, '1'],
    [3600, '60'],
  ])('minutesLabel(%i) = %s', (s, expected) => expect(minutesLabel(s)).toBe(expected));
});
