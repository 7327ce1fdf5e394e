import { zonedDay } from './time';
import type { AttendanceMode, Role, SessionKind } from './roles';

/** "Nguyen Thi Lan" → "NL"; what a helper's phone shows in place of a photo. */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return picked.map((w) => [...w][0]!.toUpperCase()).join('');
}

export interface Span {
  start: number;
  end: number;
}

/** Sorts and merges overlapping or touching spans: two tabs or a reconnect never count a minute twice. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Milliseconds of the merged spans inside [from, to). */
export function coveredMs(spans: Span[], from: number, to: number): number {
  let total = 0;
  for (const s of mergeSpans(spans)) total += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  return total;
}

export interface ReportSession {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  kind: SessionKind;
  venueRoom: string;
}

export interface ReportPerson {
  userId: string;
  name: string;
  email: string | null;
  country: string | null;
  organisation: string;
  role: Role;
  attendanceMode: AttendanceMode;
}

export interface ReportInterval {
  userId: string;
  sessionId: string;
  joinedAt: Date;
  /** Null while the connection is still in the session. */
  leftAt: Date | null;
}

export type Where = 'hall' | 'online' | 'both';

/** A person scanned at a room's door (not the venue entrance). */
export interface ReportRoomScan {
  userId: string;
  venueRoom: string;
  scannedAt: Date;
}

/** How long before a session's start a scan at its room's door counts as arriving for it. */
export const ROOM_SCAN_LEAD_MS = 30 * 60_000;

/** What decided a session's hall time: scans at its room's door, or the day's check-in. */
export type HallEvidence = 'room_scans' | 'day_checkin';

export interface SessionAttendance {
  sessionId: string;
  seconds: number;
  where: Where | null;
  /** The part of `seconds` credited in the hall and online (they may overlap, so they need not add up). */
  hallSeconds: number;
  onlineSeconds: number;
}

export interface PersonAttendance extends ReportPerson {
  sessions: SessionAttendance[];
  seconds: number;
  percent: number;
  checkinDays: string[];
}

export interface AttendanceReport {
  /** Sessions that count: started, not breaks; `countedSeconds` is the part already run. */
  sessions: (ReportSession & { day: string; countedSeconds: number; hallEvidence: HallEvidence })[];
  people: PersonAttendance[];
  possibleSeconds: number;
}

/**
 * Each person's stays in rooms, from their room scans on one day: a stay in a
 * room starts at the scan and lasts until the person is scanned into another
 * room (a rescan at the same door does not end it). A day's last stay is open.
 */
function roomStays(scans: ReportRoomScan[], timeZone: string): Map<string, { day: string; room: string; start: number; end: number }[]> {
  const byPerson = new Map<string, ReportRoomScan[]>();
  for (const s of scans) {
    const list = byPerson.get(s.userId);
    if (list) list.push(s);
    else byPerson.set(s.userId, [s]);
  }
  const out = new Map<string, { day: string; room: string; start: number; end: number }[]>();
  for (const [userId, list] of byPerson) {
    const sorted = [...list].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime());
    const stays: { day: string; room: string; start: number; end: number }[] = [];
    for (const s of sorted) {
      const day = zonedDay(s.scannedAt, timeZone);
      const at = s.scannedAt.getTime();
      const last = stays[stays.length - 1];
      if (last && last.day === day && last.room === s.venueRoom) continue;
      if (last && last.day === day) last.end = at;
      stays.push({ day, room: s.venueRoom, start: at, end: Number.POSITIVE_INFINITY });
    }
    out.set(userId, stays);
  }
  return out;
}

/**
 * Attendance per person and session.
 *
 * Online: the union of the person's connection intervals clipped to the
 * session's scheduled window (a running session counts up to now).
 *
 * In the hall, per session:
 * - The session has a venue room and someone was scanned at that room's door
 *   between 30 minutes before its start and its end: room scanning was used
 *   for it. A person is in the hall from max(their scan into that room, the
 *   start) until the session ends or they are scanned into another room,
 *   whichever comes first. A stay that began earlier the same day in the same
 *   room (two sessions back to back in one room) counts too. Someone checked
 *   in at the entrance but never scanned into the room gets no hall time for
 *   it: with two tracks, the entrance says nothing about which one they sat in.
 * - Otherwise (no venue room, or nobody scanned at its door for it): the
 *   day's check-in (event time zone) counts for the whole window, as the
 *   venue had no door for this session.
 *
 * A session's seconds are the union of hall and online time, so a person in
 * the room with a laptop open is not counted twice; `where` is 'both' then.
 */
export function buildReport(input: {
  sessions: ReportSession[];
  people: ReportPerson[];
  intervals: ReportInterval[];
  checkinDays: Map<string, Set<string>>;
  /** Scans at room doors; without them every session uses the day's check-in. */
  roomScans?: ReportRoomScan[];
  timeZone: string;
  now: Date;
}): AttendanceReport {
  const now = input.now.getTime();
  const roomScans = input.roomScans ?? [];
  const sessions = input.sessions
    .filter((s) => s.kind !== 'break' && s.startsAt.getTime() < now)
    .map((s) => {
      const end = Math.min(s.endsAt.getTime(), now);
      const from = s.startsAt.getTime() - ROOM_SCAN_LEAD_MS;
      const scanned =
        s.venueRoom !== '' &&
        roomScans.some((r) => r.venueRoom === s.venueRoom && r.scannedAt.getTime() >= from && r.scannedAt.getTime() < s.endsAt.getTime());
      return {
        ...s,
        day: zonedDay(s.startsAt, input.timeZone),
        countedSeconds: Math.round((end - s.startsAt.getTime()) / 1000),
        hallEvidence: (scanned ? 'room_scans' : 'day_checkin') as HallEvidence,
      };
    });
  const spans = new Map<string, Span[]>();
  for (const i of input.intervals) {
    const key = `${i.userId}:${i.sessionId}`;
    const list = spans.get(key) ?? [];
    list.push({ start: i.joinedAt.getTime(), end: (i.leftAt?.getTime() ?? now) });
    spans.set(key, list);
  }
  const stays = roomStays(roomScans, input.timeZone);
  const possibleSeconds = sessions.reduce((sum, s) => sum + s.countedSeconds, 0);
  const people = input.people.map((p): PersonAttendance => {
    const days = input.checkinDays.get(p.userId) ?? new Set<string>();
    const perSession = sessions.map((s): SessionAttendance => {
      const from = s.startsAt.getTime();
      const to = Math.min(s.endsAt.getTime(), now);
      const online = spans.get(`${p.userId}:${s.id}`) ?? [];
      const hall: Span[] =
        s.hallEvidence === 'room_scans'
          ? (stays.get(p.userId) ?? []).filter((st) => st.day === s.day && st.room === s.venueRoom).map((st) => ({ start: st.start, end: st.end }))
          : days.has(s.day)
            ? [{ start: from, end: to }]
            : [];
      const onlineSeconds = Math.round(coveredMs(online, from, to) / 1000);
      const hallSeconds = Math.round(coveredMs(hall, from, to) / 1000);
      const seconds = Math.round(coveredMs([...hall, ...online], from, to) / 1000);
      const where: Where | null = hallSeconds > 0 ? (onlineSeconds > 0 ? 'both' : 'hall') : onlineSeconds > 0 ? 'online' : null;
      return { sessionId: s.id, seconds, where, hallSeconds, onlineSeconds };
    });
    const seconds = perSession.reduce((sum, s) => sum + s.seconds, 0);
    return {
      ...p,
      sessions: perSession,
      seconds,
      percent: possibleSeconds > 0 ? Math.floor((seconds / possibleSeconds) * 100) : 0,
      checkinDays: [...days].sort(),
    };
  });
  return { sessions, people, possibleSeconds };
}

/** Whole minutes for display and certificates; anything under a minute but present shows as "<1". */
/** A duration for a sentence: under a minute (but not nothing) reads "less than a minute", not "<1 minutes". */
export function durationParts(seconds: number): { kind: 'under' | 'minutes'; minutes: number } {
  return seconds > 0 && seconds < 60 ? { kind: 'under', minutes: 0 } : { kind: 'minutes', minutes: Math.round(seconds / 60) };
}

export function minutesLabel(seconds: number): string {
  if (seconds > 0 && seconds < 60) return '<1';
  return String(Math.round(seconds / 60));
}
