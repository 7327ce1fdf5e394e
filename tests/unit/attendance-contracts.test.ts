import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attendanceClientEvents } from '../../lib/contracts/attendance';
import { ProfileInputSchema, RegistrationLinkInputSchema } from '../../lib/contracts/registration';
import { parseScannedCode } from '../../lib/domain/checkin-code';

const eventId = randomUUID();
const scan = { eventId, scanId: randomUUID(), code: 'K7QM-2XVD', scannedAt: '2026-11-28T02:00:00.000Z' };

describe('attendance contracts', () => {
  it.each([
    ['checkin:scan', scan, true],
    ['checkin:scan', { ...scan, scannedAt: '2026-11-28T09:00:00+07:00' }, true],
    ['checkin:scan', { ...scan, scanId: 'phone-1' }, false],
    ['checkin:scan', { ...scan, code: '' }, false],
    ['checkin:scan', { ...scan, code: 'x'.repeat(201) }, false],
    ['checkin:scan', { ...scan, scannedAt: 'now' }, false],
    ['checkin:scan', { ...scan, venueRoom: 'Room A' }, true],
    ['checkin:scan', { ...scan, venueRoom: null }, true],
    ['checkin:scan', { ...scan, venueRoom: '  ' }, false],
    ['checkin:scan', { ...scan, venueRoom: 'x'.repeat(121) }, false],
    ['checkin:scan', { ...scan, venueRoom: 7 }, false],
    ['checkin:roster', { eventId }, true],
    ['checkin:roster', {}, false],
    ['attendance:watch', { eventId: 'x' }, false],
  ] as const)('%s %j → %s', (name, payload, ok) => {
    expect(attendanceClientEvents[name].payload.safeParse(payload).success).toBe(ok);
  });

  it.each([
    [{ capacity: '50', closesAt: '2026-12-01T17:00', open: 'open' }, true],
    [{ capacity: '0', closesAt: '2026-12-01T17:00', open: 'open' }, false],
    [{ capacity: '2.5', closesAt: '2026-12-01T17:00', open: 'open' }, false],
    [{ capacity: '10', closesAt: 'tomorrow', open: 'open' }, false],
    [{ capacity: '10', closesAt: '2026-12-01T17:00', open: 'maybe' }, false],
  ])('registration link %j → %s', (input, ok) => expect(RegistrationLinkInputSchema.safeParse(input).success).toBe(ok));

  it('normalizes a profile and drops fields a participant may not set', () => {
    const parsed = ProfileInputSchema.parse({
      country: 'viet nam',
      organisation: ' Coop ',
      timeZone: 'Asia/Jakarta',
      locale: 'id',
      accessibilityNeeds: '',
      attendanceMode: 'in_person',
      role: 'organizer',
    });
    expect(parsed).toEqual({ country: 'VN', organisation: 'Coop', timeZone: 'Asia/Jakarta', locale: 'id', accessibilityNeeds: '' });
  });
});

describe('parseScannedCode', () => {
  it.each([
    ['k7qm-2xvd', null, 'K7QM2XVD'],
    [' K7QM 2XVD ', null, 'K7QM2XVD'],
    ['O1LI-UUUU', null, '0111VVVV'],
    [`BALAI1:${eventId.toUpperCase()}:k7qm2xvd`, eventId, 'K7QM2XVD'],
  ])('%s', (text, event, code) => expect(parseScannedCode(text)).toEqual({ eventId: event, code }));
});
