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
