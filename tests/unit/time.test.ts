import { describe, expect, it } from 'vitest';
import { formatTime, formatTimeRange, instantToZonedLocal, isValidTimeZone, timings, zoneLabel, zonedDay, zonedLocalToInstant } from '../../lib/domain/time';

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
