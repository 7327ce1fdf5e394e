import { rooms } from '../realtime/rooms';
import { checkedInOn, memberModes, onlineNow, recentCheckinRows, roomScansSince } from '../db/queries/attendance';
import { findEventById } from '../db/queries/programme';
import type { LiveCounts } from '../contracts/attendance';
import { zonedDay } from '../domain/time';
import { notFound } from '../errors';
import { broadcast } from './broadcast';
import { eventRooms } from './venue-rooms';


/**
 * Who is here now: in the hall = checked in today (event time zone; a room
 * scan makes the day's check-in too, so it counts here); online = an open
 * connection interval in any session of the event; in a room = the person's
 * latest room scan today was at its door. Read from the database, so every
 * server process gives the same answer.
 */
export async function liveCounts(eventId: string, now = new Date()): Promise<LiveCounts> {
  const event = await findEventById(eventId);
  if (!event) throw notFound('event');
  const day = zonedDay(now, event.timeZone);
  const [members, hall, online, recent] = await Promise.all([memberModes(eventId), checkedInOn(eventId, day), onlineNow(eventId), recentCheckins(eventId, day)]);
  const [rooms, todayScans] = await Promise.all([eventRooms(eventId), roomScansOn(eventId, day, event.timeZone, now)]);
  const whereNow = new Map<string, string>();
  // Oldest first, so each person ends at their latest door.
  for (const r of [...todayScans].reverse()) whereNow.set(r.userId, r.venueRoom);
  const present = new Map(rooms.map((r) => [r, 0]));
  for (const room of whereNow.values()) present.set(room, (present.get(room) ?? 0) + 1);
  const inHall = new Set(hall.map((h) => h.userId));
  const isOnline = new Set(online.map((o) => o.userId));
  const byCountry = new Map<string | null, { country: string | null; inHall: number; online: number; registered: number }>();
  const registered = { in_person: 0, remote: 0 };
  for (const m of members) {
    registered[m.mode]++;
    const row = byCountry.get(m.country) ?? { country: m.country, inHall: 0, online: 0, registered: 0 };
    row.registered++;
    if (inHall.has(m.userId)) row.inHall++;
    // Someone in the hall with a laptop open is counted once, in the hall.
    else if (isOnline.has(m.userId)) row.online++;
    byCountry.set(m.country, row);
  }
  const rows = [...byCountry.values()].sort((a, b) => b.registered - a.registered || String(a.country).localeCompare(String(b.country)));
  return {
    eventId,
    day,
    inHall: rows.reduce((s, r) => s + r.inHall, 0),
    online: rows.reduce((s, r) => s + r.online, 0),
    registered,
    byCountry: rows,
    recentCheckins: recent.map((r) => ({ ...r, checkedInAt: r.checkedInAt.toISOString() })),
    rooms: [...present].map(([venueRoom, n]) => ({ venueRoom, present: n })),
    recentRoomScans: todayScans.slice(0, 10).map((r) => ({ ...r, scannedAt: r.scannedAt.toISOString() })),
  };
}

// Joins and leaves come in bursts (a session starting); the dashboard gets at most one update per event per interval.
const THROTTLE_MS = 400;
const pending = new Map<string, NodeJS.Timeout>();

export function publishLiveCounts(eventId: string): void {
  if (pending.has(eventId)) return;
  const timer = setTimeout(() => {
    pending.delete(eventId);
    liveCounts(eventId).then(
      (counts) => broadcast([rooms.attendance(eventId)], 'attendance:changed', counts),
      (err: unknown) => console.error('[attendance] live counts failed', err),
    );
  }, THROTTLE_MS);
  timer.unref?.();
  pending.set(eventId, timer);
}

export const recentCheckins = (eventId: string, day: string, limit = 10) => recentCheckinRows(eventId, day, limit);

/** Today's room scans (event time zone), newest first. */
async function roomScansOn(eventId: string, day: string, timeZone: string, now: Date) {
  // A day is at most 26 hours long in any zone; the exact day is picked below.
  const since = new Date(now.getTime() - 26 * 3600_000);
  const rows = await roomScansSince(eventId, since);
  return rows.filter((r) => zonedDay(r.scannedAt, timeZone) === day);
}
