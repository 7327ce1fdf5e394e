import { describe, expect, it } from 'vitest';
import { formatTime, formatTimeRange, instantToZonedLocal, isAllDay, isValidTimeZone, sessionTimes, sessionToLandOn, timings, zoneLabel, zonedDay, zonedLocalToInstant } from '../../lib/domain/time';

describe('time zones', () => {
  it.each([
    ['2026-11-30T09:00', 'Asia/Jakarta', '2026-11-30T02:00:00.000Z'],
    ['2026-11-30T09:00', 'Asia/Kathmandu', '2026-11-30T03:15:00.000Z'],
    ['2026-11-30T09:00', 'Pacific/Fiji', '2026-11-29T21:00:00.000Z'],
    ['2026-07-01T09:00', 'Europe/Berlin', '2026-07-01T07:00:00.000Z'],
    ['2026-01-01T09:00', 'Europe/Berlin', '2026-01-01T08:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, iso) => {
    expect(zonedLocalToInstant(local, zone).toISOString()).toBe(iso);
    expect(instantToZonedLocal(new Date(iso), zone)).toBe(local);
  });

  it('puts an instant on the right calendar day per zone', () => {
    const instant = new Date('2026-11-29T20:00:00Z');
    expect(zonedDay(instant, 'Asia/Jakarta')).toBe('2026-11-30');
    expect(zonedDay(instant, 'America/New_York')).toBe('2026-11-29');
  });

  it('formats times and labels zones', () => {
    const instant = new Date('2026-11-30T02:00:00Z');
    expect(formatTime(instant, 'Asia/Jakarta')).toBe('09:00');
    expect(zoneLabel(instant, 'Asia/Jakarta')).toBe('GMT+7');
  });

  it.each([
    ['Asia/Jakarta', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('%s is valid: %s', (zone, ok) => expect(isValidTimeZone(zone)).toBe(ok));

  it('rejects malformed local times', () => {
    expect(() => zonedLocalToInstant('30/11/2026 09:00', 'Asia/Jakarta')).toThrow(RangeError);
  });
});

describe('now/next markers', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 30, h, m));
  const programme = [
    { startsAt: at(1), endsAt: at(2) },
    { startsAt: at(2), endsAt: at(3) },
    { startsAt: at(4), endsAt: at(5) },
    { startsAt: at(4), endsAt: at(6) },
    { startsAt: at(7), endsAt: at(8) },
  ];
  it('marks past, running, the earliest upcoming (all parallel ones) and later', () => {
    expect(timings(programme, at(2, 30))).toEqual(['past', 'now', 'next', 'next', 'later']);
  });
  it('a session ending exactly now is past; one starting now is running', () => {
    expect(timings(programme, at(2))).toEqual(['past', 'now', 'next', 'next', 'later']);
  });
  it('after the last session everything is past', () => {
    expect(timings(programme, at(9))).toEqual(['past', 'past', 'past', 'past', 'past']);
  });
});

describe('formatTimeRange', () => {
  it.each([
    ['2026-11-30T02:00:00Z', '2026-11-30T03:30:00Z', 'Asia/Jakarta', '09:00–10:30'],
    ['2026-11-29T17:00:00Z', '2026-11-30T16:59:00Z', 'Europe/Berlin', '18:00–17:59 +1'],
    ['2026-11-29T17:00:00Z', '2026-11-30T16:59:00Z', 'Asia/Jakarta', '00:00–23:59'],
  ])('%s → %s in %s is %s', (start, end, zone, text) => {
    expect(formatTimeRange(new Date(start), new Date(end), zone)).toBe(text);
  });
});

describe('where joining by code lands', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 30, h, m));
  const s = (id: string, from: number, to: number, kind = 'plenary') => ({ id, startsAt: at(from), endsAt: at(to), kind });
  const day = [s('opening', 2, 3), s('coffee', 3, 4, 'break'), s('track-a', 4, 5, 'workshop'), s('track-b', 4, 5, 'panel'), s('closing', 6, 7)];
  it.each([
    ['before anything runs', at(1), null],
    ['during the one live session', at(2, 30), 'opening'],
    ['at its first minute', at(2), 'opening'],
    ['not at its end', at(3), null],
    ['during a break', at(3, 30), null],
    ['during two parallel tracks (they choose)', at(4, 30), null],
    ['during the closing', at(6, 59), 'closing'],
  ])('%s: %s', (_label, now, expected) => {
    expect(sessionToLandOn(day, now)?.id ?? null).toBe(expected);
  });
});

describe('all-day sessions', () => {
  it.each([
    ['00:00–23:59 in Jakarta', '2026-11-29T17:00:00Z', '2026-11-30T16:59:00Z', 'Asia/Jakarta', true],
    ['midnight to midnight', '2026-11-29T17:00:00Z', '2026-11-30T17:00:00Z', 'Asia/Jakarta', true],
    ['the same hours seen from Berlin', '2026-11-29T17:00:00Z', '2026-11-30T16:59:00Z', 'Europe/Berlin', false],
    ['a morning session', '2026-11-30T02:00:00Z', '2026-11-30T04:00:00Z', 'Asia/Jakarta', false],
    ['two whole days', '2026-11-29T17:00:00Z', '2026-12-01T17:00:00Z', 'Asia/Jakarta', false],
  ])('%s: %s', (_label, start, end, zone, expected) => {
    expect(isAllDay(new Date(start), new Date(end), zone)).toBe(expected);
  });

  it('reads as the caller’s words for “all day” where it is one, and as times elsewhere (the programme and the session header)', () => {
    const [start, end] = [new Date('2026-11-29T17:00:00Z'), new Date('2026-11-30T16:59:00Z')];
    expect(sessionTimes(start, end, 'Asia/Jakarta', 'en-GB', 'all day')).toBe('all day');
    expect(sessionTimes(start, end, 'UTC', 'en-GB', 'all day')).toBe('17:00–16:59 +1');
    expect(sessionTimes(new Date('2026-11-30T02:00:00Z'), new Date('2026-11-30T04:00:00Z'), 'Asia/Jakarta', 'en-GB', 'all day')).toBe('09:00–11:00');
  });
});
