import { rooms } from '../realtime/rooms';
import { db } from '../db/client';
import {
  checkinOf,
  checkinsOn,
  findScan,
  insertCheckin,
  insertRoomScan,
  insertScan,
  lastRoomScanBefore,
  lockMember,
  membershipsOutside,
  setScanOutcome,
} from '../db/queries/checkin';
import { eventRoster } from '../db/queries/members';
import { findEventById } from '../db/queries/programme';
import type { CheckinPerson, CheckinResult, CheckinRoster, CheckinScan } from '../contracts/attendance';
import { initials } from '../domain/attendance';
import { zonedDay } from '../domain/time';
import { notFound } from '../errors';
import { authorize } from './authorize';
import { base32, mac } from './signing';
import { formatCode, parseScannedCode, QR_PREFIX, ROOM_RESCAN_MS } from '../domain/checkin-code';
import { broadcast } from './broadcast';
import { publishLiveCounts } from './attendance-live';
import { eventRooms } from './venue-rooms';

/**
 * Check-in codes are derived, not stored: an HMAC (auth secret) of event and
 * person, cut to 8 Crockford base32 characters (40 bits). A code cannot be
 * made up without the secret, and one event's code never matches another's.
 * The QR carries the event id too, so a badge from another event is named as such.
 */
export function checkinCode(eventId: string, userId: string): string {
  return base32(mac('checkin', `${eventId}:${userId}`), 8);
}

export { formatCode, parseScannedCode };

export const qrPayload = (eventId: string, userId: string) => `${QR_PREFIX}:${eventId}:${checkinCode(eventId, userId)}`;

interface MemberFacts {
  userId: string;
  name: string;
  country: string | null;
  organisation: string;
  attendanceMode: 'in_person' | 'remote';
}

const toPerson = (m: MemberFacts): CheckinPerson => ({ ...m, initials: initials(m.name) });

// Only these facts: a person's e-mail and role are not the desk's to show or broadcast.
async function membersOf(eventId: string): Promise<MemberFacts[]> {
  return (await eventRoster(eventId)).map((m) => ({
    userId: m.userId,
    name: m.name,
    country: m.country,
    organisation: m.organisation,
    attendanceMode: m.attendanceMode,
  }));
}

async function loadEvent(eventId: string) {
  const event = await findEventById(eventId);
  if (!event) throw notFound('event');
  return event;
}

export async function checkinRoster(actorId: string, eventId: string, now = new Date()): Promise<CheckinRoster> {
  await authorize(actorId, eventId, 'checkin:scan');
  return rosterOf(eventId, now);
}

/** For a caller whose `checkin:scan` in the event was checked already (the realtime pipeline). */
export async function rosterOf(eventId: string, now = new Date()): Promise<CheckinRoster> {
  const event = await loadEvent(eventId);
  const today = zonedDay(now, event.timeZone);
  const done = await checkinsOn(eventId, today);
  const at = new Map(done.map((c) => [c.userId, c.at.toISOString()]));
  const people = (await membersOf(eventId)).map((m) => ({
    ...toPerson(m),
    code: checkinCode(eventId, m.userId),
    checkedInAt: at.get(m.userId) ?? null,
  }));
  return { eventId, eventTitle: event.title, timeZone: event.timeZone, today, rooms: await eventRooms(eventId), people };
}

/** Which other event, if any, issued this code (codes are per event, so this is a scan over memberships). */
async function eventIssuing(code: string, exceptEventId: string): Promise<string | null> {
  const rows = await membershipsOutside(exceptEventId);
  return rows.find((r) => checkinCode(r.eventId, r.userId) === code)?.title ?? null;
}

// A queued scan may arrive long after it was made, but never counts for the future.
const clampScanTime = (scannedAt: string, now: Date) => new Date(Math.min(new Date(scannedAt).getTime(), now.getTime()));

/**
 * Records one scan, at the venue entrance (`venueRoom` absent) or at a room's
 * door. Idempotent by scan id: the scan row is inserted first, so a second
 * delivery of the same scan (in parallel or later) finds it and answers with
 * the first outcome.
 *
 * Entrance: a person is checked in once per day; a later scan of the same
 * person that day answers `duplicate` with the first time.
 * Room door: the scan is kept as evidence of which room the person sat in
 * (see buildReport). If the person was not checked in today, it is also their
 * day's check-in: they are in the building, whichever door they came through.
 * The same person at the same door again within ROOM_RESCAN_MS, with no other
 * door in between, answers `room_duplicate` with the first time.
 */
export async function recordScan(actorId: string, scan: CheckinScan, now = new Date()): Promise<CheckinResult> {
  await authorize(actorId, scan.eventId, 'checkin:scan');
  return applyScan(actorId, scan, now);
}

/** For a caller whose `checkin:scan` in the event was checked already (the realtime pipeline). */
export async function applyScan(actorId: string, scan: CheckinScan, now = new Date()): Promise<CheckinResult> {
  const event = await loadEvent(scan.eventId);
  const room = scan.venueRoom ?? null;
  // Only rooms on this event's programme: a name from another event, or made up, is not a door here.
  if (room !== null && !(await eventRooms(event.id)).includes(room)) throw notFound('room');
  const scannedAt = clampScanTime(scan.scannedAt, now);
  const day = zonedDay(scannedAt, event.timeZone);
  const parsed = parseScannedCode(scan.code);
  const members = await membersOf(event.id);
  const person =
    parsed.eventId === null || parsed.eventId === event.id ? members.find((m) => checkinCode(event.id, m.userId) === parsed.code) : undefined;
  let otherEventTitle: string | null = null;
  if (!person) {
    // Only a code that verifies for another event's member is "another event"; anything else is unknown (forged or mistyped).
    if (parsed.code.length === 8) otherEventTitle = await eventIssuing(parsed.code, event.id);
  }

  const d = await db();
  const result = await d.transaction(async (tx) => {
    const fresh = await insertScan(tx, {
      id: scan.scanId,
      eventId: event.id,
      helperId: actorId,
      outcome: person ? (room ? 'room_entered' : 'checked_in') : otherEventTitle ? 'other_event' : 'unknown_code',
      venueRoom: room,
      userId: person?.userId ?? null,
      otherEventTitle,
      scannedAt,
    });
    if (!fresh) return null;
    if (!person) {
      return { outcome: otherEventTitle ? ('other_event' as const) : ('unknown_code' as const), checkedInAt: null, roomEnteredAt: null, created: false };
    }
    // Two phones scanning the same person at once (two doors, or entrance and door) take turns here.
    await lockMember(tx, event.id, person.userId);
    const created = await insertCheckin(tx, { id: scan.scanId, eventId: event.id, userId: person.userId, day, checkedInAt: scannedAt, checkedInBy: actorId });
    const checkedInAt = created ?? (await checkinOf(tx, event.id, person.userId, day))?.at ?? null;
    if (room === null) {
      if (created) return { outcome: 'checked_in' as const, checkedInAt, roomEnteredAt: null, created: true };
      await setScanOutcome(tx, scan.scanId, 'duplicate');
      return { outcome: 'duplicate' as const, checkedInAt, roomEnteredAt: null, created: false };
    }
    const last = await lastRoomScanBefore(tx, event.id, person.userId, scannedAt);
    if (last && last.venueRoom === room && scannedAt.getTime() - last.scannedAt.getTime() < ROOM_RESCAN_MS) {
      await setScanOutcome(tx, scan.scanId, 'room_duplicate');
      return { outcome: 'room_duplicate' as const, checkedInAt, roomEnteredAt: last.scannedAt, created: !!created };
    }
    await insertRoomScan(tx, { id: scan.scanId, eventId: event.id, userId: person.userId, venueRoom: room, scannedAt, scannedBy: actorId });
    return { outcome: 'room_entered' as const, checkedInAt, roomEnteredAt: scannedAt, created: !!created };
  });

  if (result === null) return replay(scan.scanId, event.id, members);
  if (person && (result.created || result.outcome === 'room_entered')) {
    if (result.created) {
      broadcast([rooms.attendance(event.id)], 'checkin:recorded', {
        eventId: event.id,
        person: toPerson(person),
        checkedInAt: result.checkedInAt!.toISOString(),
        day,
      });
    }
    if (result.outcome === 'room_entered' && room) {
      broadcast([rooms.attendance(event.id)], 'checkin:room-scanned', {
        eventId: event.id,
        person: toPerson(person),
        venueRoom: room,
        scannedAt: scannedAt.toISOString(),
      });
    }
    publishLiveCounts(event.id);
  }
  return {
    scanId: scan.scanId,
    outcome: result.outcome,
    person: person ? toPerson(person) : null,
    checkedInAt: result.checkedInAt?.toISOString() ?? null,
    day: person ? day : null,
    otherEventTitle,
    replayed: false,
    venueRoom: room,
    roomEnteredAt: result.roomEnteredAt?.toISOString() ?? null,
    checkedInNow: result.created,
  };
}

async function replay(scanId: string, eventId: string, members: MemberFacts[]): Promise<CheckinResult> {
  const stored = await findScan(scanId);
  // A scan id is the phone's; reusing one for another event is a client bug, not a replay.
  if (!stored || stored.eventId !== eventId) throw notFound('scan');
  const person = members.find((m) => m.userId === stored.userId);
  const day = zonedDay(stored.scannedAt, (await loadEvent(eventId)).timeZone);
  const d = await db();
  const checkin = person ? await checkinOf(d, eventId, person.userId, day) : undefined;
  // A room duplicate points at the scan it repeated, which is the last one at or before it.
  const entered =
    person && stored.venueRoom && (stored.outcome === 'room_entered' || stored.outcome === 'room_duplicate')
      ? await lastRoomScanBefore(d, eventId, person.userId, stored.scannedAt)
      : undefined;
  return {
    scanId,
    outcome: stored.outcome,
    person: person ? toPerson(person) : null,
    checkedInAt: checkin?.at.toISOString() ?? null,
    day: person ? day : null,
    otherEventTitle: stored.otherEventTitle,
    replayed: true,
    venueRoom: stored.venueRoom,
    roomEnteredAt: entered?.scannedAt.toISOString() ?? null,
    checkedInNow: checkin?.id === scanId,
  };
}
