'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import type { LiveSession } from '@/lib/contracts/session-live';
import { formatDay, sessionTimes, timings, zoneLabel, zonedDay } from '@/lib/domain/time';
import { intlLocale } from '@/lib/i18n/format';

/**
 * The programme by day in the viewer's time zone, with the event's zone
 * alongside when they differ. The viewer's zone is only known in the browser,
 * so the first render (server) uses the event's zone.
 */
export function Programme({ eventSlug, eventTimeZone, sessions }: { eventSlug: string; eventTimeZone: string; sessions: LiveSession[] }) {
  const t = useTranslations('events.programme');
  const tr = useTranslations('domain');
  const locale = intlLocale(useLocale());
  const [viewerZone, setViewerZone] = useState(eventTimeZone);
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setViewerZone(Intl.DateTimeFormat().resolvedOptions().timeZone || eventTimeZone);
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [eventTimeZone]);

  const parsed = useMemo(
    () => sessions.map((s) => ({ ...s, start: new Date(s.startsAt), end: new Date(s.endsAt) })),
    [sessions],
  );
  const marks = now ? timings(parsed.map((s) => ({ startsAt: s.start, endsAt: s.end })), now) : parsed.map(() => 'later' as const);
  const days = new Map<string, number[]>();
  parsed.forEach((s, i) => {
    const day = zonedDay(s.start, viewerZone);
    days.set(day, [...(days.get(day) ?? []), i]);
  });
  const differs = viewerZone !== eventTimeZone;

  if (sessions.length === 0) return <p className="card">{t('empty')}</p>;
  return (
    <div>
      <p className="muted">
        {t('timesIn', { zone: viewerZone })}
        {differs && t('withEventTime', { zone: eventTimeZone })}.
      </p>
      {[...days.entries()].map(([day, indexes]) => (
        <section key={day} className="programme-day" aria-labelledby={`day-${day}`}>
          <h3 id={`day-${day}`}>{formatDay(day, locale)}</h3>
          <ol className="card" style={{ listStyle: 'none', padding: 0 }}>
            {indexes.map((i) => {
              const s = parsed[i]!;
              const mark = marks[i]!;
              return (
                <li key={s.id} className={`session-item is-${mark}`} data-testid="programme-session">
                  <div className="time">
                    <span>{sessionTimes(s.start, s.end, viewerZone, locale, t('allDay'))}</span>
                    {differs && (
                      <span className="alt">
                        {sessionTimes(s.start, s.end, eventTimeZone, locale, t('allDay'))}{' '}
                        {zoneLabel(s.start, eventTimeZone)}
                      </span>
                    )}
                  </div>
                  <div>
                    <div className="row">
                      {mark === 'now' && <span className="badge now">{t('now')}</span>}
                      {mark === 'next' && <span className="badge next">{t('next')}</span>}
                      <span className="badge">{tr(`sessionKinds.${s.kind}`)}</span>
                    </div>
                    <Link href={`/events/${eventSlug}/sessions/${s.id}`} style={{ fontWeight: 600 }}>
                      {s.title}
                    </Link>
                    <div className="muted" style={{ fontSize: '0.9rem' }}>
                      {[s.speakers.join(', '), s.venueRoom].filter(Boolean).join(' · ')}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
