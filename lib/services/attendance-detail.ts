import { toCsv } from './csv';
import { attendanceEvidence } from '../db/queries/attendance';
import { findSession, type SessionRow } from '../db/queries/programme';
import type { AttendanceReport, PersonAttendance, SessionAttendance, Where } from '../domain/attendance';
import { countryName } from '../domain/countries';
import { zonedDay } from '../domain/time';
import { notFound } from '../errors';
import { authorize } from './authorize';
import { loadReport } from './attendance-report';

/** One online stay: a connection in the session's main room, or a stay in one of its breakout rooms. */
export interface OnlineStay {
  place: 'main' | 'breakout';
  /** The breakout room's name; null in the main room. */
  room: string | null;
  joinedAt: Date;
  /** Null while still connected. */
  leftAt: Date | null;
}

/** What put a person in the hall for a session: the day's check-in, or scans at the session's room door. */
export interface HallProof {
  kind: 'checkin' | 'room_door';
  at: Date;
  /** The door's room for a room scan. */
  room: string | null;
}

export type CountedSession = AttendanceReport['sessions'][number];

export interface PersonSessionDetail {
  userId: string;
  name: string;
  email: string | null;
  country: string | null;
  attendanceMode: PersonAttendance['attendanceMode'];
  /** The report's figures, so the page says exactly what the dashboard and the certificate say. */
  seconds: number;
  hallSeconds: number;
  onlineSeconds: number;
  where: Where | null;
  online: OnlineStay[];
  hall: HallProof[];
}

interface Evidence {
  online: Map<string, OnlineStay[]>;
  checkinAt: Map<string, { day: string; at: Date }[]>;
  scans: Map<string, { room: string; at: Date }[]>;
}

const push = <T>(m: Map<string, T[]>, key: string, v: T) => {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
};

/**
 * The raw rows behind the report, narrowed to one session and/or one person
 * in the WHERE clause, so a participant's request never reads anyone else's.
 */
async function loadEvidence(eventId: string, only: { sessionId?: string; userId?: string }): Promise<Evidence> {
  const { intervals, breakouts, days, scans } = await attendanceEvidence(eventId, only);
  const online = new Map<string, OnlineStay[]>();
  for (const i of intervals) push(online, `${i.userId}:${i.sessionId}`, { place: 'main', room: null, joinedAt: i.joinedAt, leftAt: i.leftAt });
  for (const b of breakouts) push(online, `${b.userId}:${b.sessionId}`, { place: 'breakout', room: b.room, joinedAt: b.joinedAt, leftAt: b.leftAt });
  // A stay that ended the moment it began (a move, a reconnect race) adds nothing and reads as "10:02 – 10:02": not listed.
  for (const [key, list] of online) {
    const real = list.filter((st) => !st.leftAt || st.leftAt.getTime() - st.joinedAt.getTime() >= 1000);
    real.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
    online.set(key, real);
  }
  const checkinAt = new Map<string, { day: string; at: Date }[]>();
  for (const c of days) push(checkinAt, c.userId, { day: c.day, at: c.at });
  const scanMap = new Map<string, { room: string; at: Date }[]>();
  for (const s of scans) push(scanMap, s.userId, { room: s.room, at: s.at });
  return { online, checkinAt, scans: scanMap };
}

/**
 * The hall evidence the report used for this session: the day's check-in
 * where the session had no door scanning, else this person's scans at the
 * session's room door that day up to its end (an earlier scan into the same
 * room still counts, as in buildReport).
 */
function hallProof(s: CountedSession, userId: string, ev: Evidence, timeZone: string): HallProof[] {
  if (s.hallEvidence === 'day_checkin') {
    const c = (ev.checkinAt.get(userId) ?? []).find((x) => x.day === s.day);
    return c ? [{ kind: 'checkin', at: c.at, room: null }] : [];
  }
  return (ev.scans.get(userId) ?? [])
    .filter((x) => x.room === s.venueRoom && x.at.getTime() < s.endsAt.getTime() && zonedDay(x.at, timeZone) === s.day)
    .map((x) => ({ kind: 'room_door', at: x.at, room: x.room }));
}

function personDetail(p: PersonAttendance, a: SessionAttendance, s: CountedSession, ev: Evidence, timeZone: string): PersonSessionDetail {
  return {
    userId: p.userId,
    name: p.name,
    email: p.email,
    country: p.country,
    attendanceMode: p.attendanceMode,
    seconds: a.seconds,
    hallSeconds: a.hallSeconds,
    onlineSeconds: a.onlineSeconds,
    where: a.where,
    online: ev.online.get(`${p.userId}:${s.id}`) ?? [],
    hall: a.hallSeconds > 0 ? hallProof(s, p.userId, ev, timeZone) : [],
  };
}

const attended = (r: PersonSessionDetail) => r.seconds > 0 || r.online.length > 0 || r.hall.length > 0;
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');

export interface SessionDetail {
  session: SessionRow;
  /** The session as the report counts it; null before it starts and for breaks, which count nothing. */
  counted: CountedSession | null;
  rows: PersonSessionDetail[];
}

/** Who attended one session, with each join and leave: organizers and moderators only. */
export async function sessionAttendanceForStaff(actorId: string, eventId: string, sessionId: string, now = new Date()): Promise<SessionDetail> {
  await authorize(actorId, eventId, 'attendance:view-all');
  const found = await findSession(sessionId);
  if (!found || found.session.eventId !== eventId) throw notFound('session');
  const [{ event, report }, ev] = await Promise.all([loadReport(eventId, now), loadEvidence(eventId, { sessionId })]);
  const index = report.sessions.findIndex((s) => s.id === sessionId);
  if (index < 0) return { session: found.session, counted: null, rows: [] };
  const counted = report.sessions[index]!;
  const rows = report.people.map((p) => personDetail(p, p.sessions[index]!, counted, ev, event.timeZone)).filter(attended).sort(byName);
  return { session: found.session, counted, rows };
}

/**
 * The caller's own attendance (as ownAttendance gives it) with their joins
 * and leaves for every session that counts. The evidence query reads only
 * their rows; of the report, only their row leaves this function.
 */
export async function ownAttendanceDetail(
  userId: string,
  eventId: string,
  now = new Date(),
): Promise<{ report: AttendanceReport; me: PersonAttendance; sessions: { session: CountedSession; detail: PersonSessionDetail }[] }> {
  await authorize(userId, eventId, 'event:view', () => notFound('membership'));
  const [{ event, report }, ev] = await Promise.all([loadReport(eventId, now), loadEvidence(eventId, { userId })]);
  const me = report.people.find((p) => p.userId === userId)!;
  return {
    report: { ...report, people: [me] },
    me,
    sessions: report.sessions.map((s, i) => ({ session: s, detail: personDetail(me, me.sessions[i]!, s, ev, event.timeZone) })),
  };
}

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/**
 * The connection log: one row per online stay (main room or breakout room)
 * and per piece of hall evidence, for the sessions that count. An online
 * row's minutes are that stay's own length (up to now while still
 * connected), as in Zoom's report; the counted total, clipped to the session
 * and without overlaps, is in the attendance CSV. A hall row carries the hall
 * minutes the report credits for the session, once per person and session.
 */
export async function connectionLogCsv(actorId: string, eventId: string, now = new Date()): Promise<{ filename: string; csv: string }> {
  await authorize(actorId, eventId, 'attendance:export');
  const [{ event, report }, ev] = await Promise.all([loadReport(eventId, now), loadEvidence(eventId, {})]);
  const header = ['name', 'email', 'country', 'attendance mode', 'session', 'place', 'joined (UTC)', 'left (UTC)', 'minutes'];
  const rows: (string | number)[][] = [];
  for (const p of [...report.people].sort(byName)) {
    report.sessions.forEach((s, i) => {
      const r = personDetail(p, p.sessions[i]!, s, ev, event.timeZone);
      const base = [r.name, r.email ?? '', countryName(r.country), r.attendanceMode, `${s.title} (${s.day})`];
      for (const o of r.online) {
        rows.push([
          ...base,
          o.place === 'main' ? 'main room' : `breakout room: ${o.room}`,
          o.joinedAt.toISOString(),
          o.leftAt?.toISOString() ?? '',
          minutesBetween(o.joinedAt, o.leftAt ?? now),
        ]);
      }
      r.hall.forEach((h, n) => {
        rows.push([
          ...base,
          h.kind === 'checkin' ? 'hall check-in' : `room door: ${h.room}`,
          h.at.toISOString(),
          '',
          n === 0 ? Math.round(r.hallSeconds / 60) : '',
        ]);
      });
    });
  }
  return { filename: `connection-log-${event.slug}.csv`, csv: toCsv(header, rows) };
}
