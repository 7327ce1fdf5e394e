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

export interface SessionAttendance {
  sessionId: string;
  seconds: number;
  where: Where | null;
}

export interface PersonAttendance extends ReportPerson {
  sessions: SessionAttendance[];
  seconds: number;
  percent: number;
  checkinDays: string[];
}

export interface AttendanceReport {
  /** Sessions that count: started, not breaks; `countedSeconds` is the part already run. */
  sessions: (ReportSession & { day: string; countedSeconds: number })[];
  people: PersonAttendance[];
  possibleSeconds: number;
}

/**
 * Attendance per person and session. Online time is the union of the
 * person's connection intervals clipped to the session's scheduled window (a
 * running session counts up to now). A person checked in at the venue on the
 * session's day (event time zone) is counted in the hall for the whole window:
 * the hall has no per-session door, the day's check-in is the evidence.
 */
export function buildReport(input: {
  sessions: ReportSession[];
  people: ReportPerson[];
  intervals: ReportInterval[];
  checkinDays: Map<string, Set<string>>;
  timeZone: string;
  now: Date;
}): AttendanceReport {
  const now = input.now.getTime();
  const sessions = input.sessions
    .filter((s) => s.kind !== 'break' && s.startsAt.getTime() < now)
    .map((s) => {
      const end = Math.min(s.endsAt.getTime(), now);
      return { ...s, day: zonedDay(s.startsAt, input.timeZone), countedSeconds: Math.round((end - s.startsAt.getTime()) / 1000) };
    });
  const spans = new Map<string, Span[]>();
  for (const i of input.intervals) {
    const key = `${i.userId}:${i.sessionId}`;
    const list = spans.get(key) ?? [];
    list.push({ start: i.joinedAt.getTime(), end: (i.leftAt?.getTime() ?? now) });
    spans.set(key, list);
  }
  const possibleSeconds = sessions.reduce((sum, s) => sum + s.countedSeconds, 0);
  const people = input.people.map((p): PersonAttendance => {
    const days = input.checkinDays.get(p.userId) ?? new Set<string>();
    const perSession = sessions.map((s): SessionAttendance => {
      const from = s.startsAt.getTime();
      const to = Math.min(s.endsAt.getTime(), now);
      const onlineSeconds = Math.round(coveredMs(spans.get(`${p.userId}:${s.id}`) ?? [], from, to) / 1000);
      const inHall = days.has(s.day);
      const where: Where | null = inHall ? (onlineSeconds > 0 ? 'both' : 'hall') : onlineSeconds > 0 ? 'online' : null;
      return { sessionId: s.id, seconds: inHall ? s.countedSeconds : onlineSeconds, where };
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
export function minutesLabel(seconds: number): string {
  if (seconds > 0 && seconds < 60) return '<1';
  return String(Math.round(seconds / 60));
}
