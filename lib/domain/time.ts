import { TZDate } from '@date-fns/tz';

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "2026-11-30T09:00" read as a wall-clock time in `timeZone` → the instant. */
export function zonedLocalToInstant(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError(`Not a local date-time: ${local}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
}

/** The instant as "YYYY-MM-DDTHH:mm" on the wall clock of `timeZone` (for <input type=datetime-local>). */
export function instantToZonedLocal(instant: Date, timeZone: string): string {
  const z = new TZDate(instant.getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${z.getFullYear()}-${p(z.getMonth() + 1)}-${p(z.getDate())}T${p(z.getHours())}:${p(z.getMinutes())}`;
}

/** The calendar day ("YYYY-MM-DD") of an instant in a zone. */
export function zonedDay(instant: Date, timeZone: string): string {
  return instantToZonedLocal(instant, timeZone).slice(0, 10);
}

export function formatTime(instant: Date, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(instant);
}

/**
 * "09:00–10:30", or "18:00–17:59 +1" when the range ends on a later calendar
 * day in that zone (an all-day Jakarta session seen from Berlin).
 */
export function formatTimeRange(start: Date, end: Date, timeZone: string, locale = 'en-GB'): string {
  const range = `${formatTime(start, timeZone, locale)}–${formatTime(end, timeZone, locale)}`;
  const days = Math.round((Date.parse(zonedDay(end, timeZone)) - Date.parse(zonedDay(start, timeZone))) / 86_400_000);
  return days > 0 ? `${range} +${days}` : range;
}

/** A session from midnight to the day's last minute (or the next midnight) in this zone: read as "all day", not "00:00–23:59". */
export function isAllDay(start: Date, end: Date, timeZone: string): boolean {
  if (formatTime(start, timeZone) !== '00:00') return false;
  const endClock = formatTime(end, timeZone);
  const sameDay = zonedDay(start, timeZone) === zonedDay(end, timeZone);
  return (sameDay && endClock === '23:59') || (!sameDay && endClock === '00:00' && end.getTime() - start.getTime() <= 86_400_000);
}

/** A session's times as people read them: the caller's words for "all day", or "09:00–10:30" ("+1" past midnight). */
export function sessionTimes(start: Date, end: Date, timeZone: string, locale: string, allDay: string): string {
  return isAllDay(start, end, timeZone) ? allDay : formatTimeRange(start, end, timeZone, locale);
}

export function formatDay(day: string, locale = 'en-GB'): string {
  // Noon UTC keeps the calendar day stable in every zone.
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** Short zone label such as "GMT+7" for an instant. */
export function zoneLabel(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export type SessionTiming = 'past' | 'now' | 'next' | 'later';

/** Marks the running sessions as now and the earliest upcoming ones as next. */
export function timings<T extends { startsAt: Date; endsAt: Date }>(sessions: T[], now: Date): SessionTiming[] {
  const upcoming = sessions.filter((s) => s.startsAt > now).map((s) => s.startsAt.getTime());
  const nextStart = upcoming.length ? Math.min(...upcoming) : null;
  return sessions.map((s) => {
    if (s.endsAt <= now) return 'past';
    if (s.startsAt <= now) return 'now';
    return s.startsAt.getTime() === nextStart ? 'next' : 'later';
  });
}

/**
 * Where someone joining the event now lands: the one session running now
 * (breaks do not count). None, or several in parallel (tracks): null, and
 * they choose from the programme.
 */
export function sessionToLandOn<T extends { startsAt: Date; endsAt: Date; kind: string }>(sessions: readonly T[], now: Date): T | null {
  const live = sessions.filter((s) => s.kind !== 'break' && s.startsAt <= now && now < s.endsAt);
  return live.length === 1 ? live[0]! : null;
}
