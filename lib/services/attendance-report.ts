import { toCsv } from './csv';
import { breakoutStaysOf, checkinDaysOf, intervalsOf, roomScansOf } from '../db/queries/attendance';
import { eventRoster } from '../db/queries/members';
import { findEventById, listSessions } from '../db/queries/programme';
import { buildReport, type AttendanceReport, type PersonAttendance, type ReportInterval } from '../domain/attendance';
import { countryName } from '../domain/countries';
import { notFound } from '../errors';
import { authorize } from './authorize';

/**
 * Time in breakout rooms counts toward the programme session the breakout
 * run belongs to (the breakout work records each stay in breakout_attendance).
 * A visiting moderator's stays are not the visitor's attendance of the room,
 * but they are time in the session, so they count too.
 */
const breakoutIntervals = (eventId: string): Promise<ReportInterval[]> => breakoutStaysOf(eventId);

export async function loadReport(eventId: string, now = new Date()) {
  const event = await findEventById(eventId);
  if (!event) throw notFound('event');
  const [sessions, people, intervals, days, breakout, scans] = await Promise.all([
    listSessions(eventId),
    eventRoster(eventId),
    intervalsOf(eventId),
    checkinDaysOf(eventId),
    breakoutIntervals(eventId),
    roomScansOf(eventId),
  ]);
  const checkinDays = new Map<string, Set<string>>();
  for (const c of days) checkinDays.set(c.userId, (checkinDays.get(c.userId) ?? new Set()).add(c.day));
  const report = buildReport({ sessions, people, intervals: [...intervals, ...breakout], checkinDays, roomScans: scans, timeZone: event.timeZone, now });
  return { event, report };
}

/** Everyone's attendance: organizers and moderators only. */
export async function attendanceForStaff(actorId: string, eventId: string, now = new Date()) {
  await authorize(actorId, eventId, 'attendance:view-all');
  return loadReport(eventId, now);
}

/**
 * One person's own attendance. The query is the whole report (percentages
 * need the programme), but only the caller's row leaves this function.
 */
export async function ownAttendance(userId: string, eventId: string, now = new Date()): Promise<{ report: AttendanceReport; me: PersonAttendance }> {
  await authorize(userId, eventId, 'event:view', () => notFound('membership'));
  const { report } = await loadReport(eventId, now);
  const me = report.people.find((p) => p.userId === userId)!;
  return { report: { ...report, people: [me] }, me };
}

export async function attendanceCsv(actorId: string, eventId: string, now = new Date()): Promise<{ filename: string; csv: string }> {
  await authorize(actorId, eventId, 'attendance:export');
  const { event, report } = await loadReport(eventId, now);
  const header = [
    'name',
    'email',
    'country',
    'organisation',
    'role',
    'attendance mode',
    'check-in days',
    'attended minutes',
    'programme minutes',
    'attendance %',
    ...report.sessions.map((s) => `${s.title} (${s.day}) minutes`),
  ];
  const rows = report.people.map((p) => [
    p.name,
    p.email ?? '',
    countryName(p.country),
    p.organisation,
    p.role,
    p.attendanceMode,
    p.checkinDays.join(' '),
    Math.round(p.seconds / 60),
    Math.round(report.possibleSeconds / 60),
    p.percent,
    ...p.sessions.map((s) => Math.round(s.seconds / 60)),
  ]);
  return { filename: `attendance-${event.slug}.csv`, csv: toCsv(header, rows) };
}
