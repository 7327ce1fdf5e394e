import { z } from 'zod';
import { ATTENDANCE_MODES } from '../domain/roles';
import { notice, request } from './define';

/** What a helper's phone shows about a person: enough to recognise them, nothing more. */
export const CheckinPersonSchema = z.object({
  userId: z.string(),
  name: z.string(),
  initials: z.string(),
  country: z.string().nullable(),
  organisation: z.string(),
  attendanceMode: z.enum(ATTENDANCE_MODES),
});
export type CheckinPerson = z.infer<typeof CheckinPersonSchema>;

/**
 * `checked_in` / `duplicate`: the day's check-in at the venue entrance (once per person and day).
 * `room_entered` / `room_duplicate`: a scan at a room's door; the same person at the same door again
 * within a few minutes (and no other door in between) is a duplicate.
 */
export const CHECKIN_OUTCOMES = ['checked_in', 'duplicate', 'room_entered', 'room_duplicate', 'other_event', 'unknown_code'] as const;
export type CheckinOutcome = (typeof CHECKIN_OUTCOMES)[number];

/**
 * A scan as the phone recorded it. `scanId` is generated on the phone when the
 * code is read, so sending a queued scan again is answered with its first result.
 * `code` is either the QR text or the typed short code.
 */
export const CheckinScanSchema = z.object({
  eventId: z.uuid(),
  scanId: z.uuid(),
  code: z.string().trim().min(1, 'validation.emptyCode').max(200),
  scannedAt: z.iso.datetime({ offset: true }),
  /** The venue room whose door the helper stands at; absent or null at the venue entrance. */
  venueRoom: z.string().trim().min(1, 'Empty room.').max(120).nullish(),
});
export type CheckinScan = z.infer<typeof CheckinScanSchema>;

export const CheckinResultSchema = z.object({
  scanId: z.string(),
  outcome: z.enum(CHECKIN_OUTCOMES),
  person: CheckinPersonSchema.nullable(),
  /** When the person was (first) checked in on that day. */
  checkedInAt: z.string().nullable(),
  day: z.string().nullable(),
  otherEventTitle: z.string().nullable(),
  /** True when this scan id had been answered before (a retried send). */
  replayed: z.boolean(),
  /** Where the scan was made: a venue room, or null at the entrance. */
  venueRoom: z.string().nullable(),
  /** For a room scan: when the person was (first) scanned in at this door. */
  roomEnteredAt: z.string().nullable(),
  /** True when this scan made the day's check-in (a room scan of someone not yet checked in counts as one). */
  checkedInNow: z.boolean(),
});
export type CheckinResult = z.infer<typeof CheckinResultSchema>;

/** The list a helper's phone keeps so it can answer at once, even offline. */
export const CheckinRosterSchema = z.object({
  eventId: z.string(),
  eventTitle: z.string(),
  timeZone: z.string(),
  today: z.string(),
  /** The event's venue rooms (distinct, non-empty, from its sessions): the doors a helper can stand at. */
  rooms: z.array(z.string()),
  people: z.array(CheckinPersonSchema.extend({ code: z.string(), checkedInAt: z.string().nullable() })),
});
export type CheckinRoster = z.infer<typeof CheckinRosterSchema>;

export const LiveCountsSchema = z.object({
  eventId: z.string(),
  day: z.string(),
  inHall: z.number().int(),
  online: z.number().int(),
  registered: z.object({ in_person: z.number().int(), remote: z.number().int() }),
  byCountry: z.array(z.object({ country: z.string().nullable(), inHall: z.number().int(), online: z.number().int(), registered: z.number().int() })),
  recentCheckins: z.array(z.object({ userId: z.string(), name: z.string(), country: z.string().nullable(), checkedInAt: z.string() })),
  /** People whose latest room scan today is at this room's door, per venue room (every room of the programme). */
  rooms: z.array(z.object({ venueRoom: z.string(), present: z.number().int() })),
  /** Latest room scans today, newest first. */
  recentRoomScans: z.array(z.object({ userId: z.string(), name: z.string(), venueRoom: z.string(), scannedAt: z.string() })),
});
export type LiveCounts = z.infer<typeof LiveCountsSchema>;

const EventRef = z.object({ eventId: z.uuid() });

export const attendanceClientEvents = {
  'checkin:roster': request(EventRef, CheckinRosterSchema),
  'checkin:scan': request(CheckinScanSchema, CheckinResultSchema),
  /** The organizer dashboard subscribes to live counts; answered with a snapshot. */
  'attendance:watch': request(EventRef, LiveCountsSchema),
  'attendance:unwatch': request(EventRef, z.object({})),
};

export const attendanceServerEvents = {
  'checkin:recorded': notice(
    z.object({ eventId: z.string(), person: CheckinPersonSchema, checkedInAt: z.string(), day: z.string() }),
  ),
  'checkin:room-scanned': notice(z.object({ eventId: z.string(), person: CheckinPersonSchema, venueRoom: z.string(), scannedAt: z.string() })),
  'attendance:changed': notice(LiveCountsSchema),
};
