'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { LiveSession } from '@/lib/contracts/session-live';
import { formatDay, sessionTimes, zonedDay } from '@/lib/domain/time';
import { intlLocale } from '@/lib/i18n/format';
import { realtime } from '../../../../_lib/realtime-client';

/** Title and time; follows live edits by the organizer. */
export function SessionHeader({ initial, eventTimeZone, kindLabel }: { initial: LiveSession; eventTimeZone: string; kindLabel: string }) {
  const t = useTranslations('session');
  const locale = intlLocale(useLocale());
  const [session, setSession] = useState(initial);
  const [zone, setZone] = useState(eventTimeZone);
  useEffect(() => {
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || eventTimeZone);
    const socket = realtime();
    const onUpdated = (s: LiveSession) => {
      if (s.id === initial.id) setSession(s);
    };
    socket.on('session:updated', onUpdated);
    return () => {
      socket.off('session:updated', onUpdated);
    };
  }, [initial.id, eventTimeZone]);
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  return (
    <div>
      <h1>{session.title}</h1>
      <p className="muted" style={{ margin: 0 }}>
        {kindLabel} · {formatDay(zonedDay(start, zone), locale)}, {sessionTimes(start, end, zone, locale, t('allDay'))} ({zone})
        {zone !== eventTimeZone &&
          ` · ${sessionTimes(start, end, eventTimeZone, locale, t('allDay'))} ${t('inZone', { zone: eventTimeZone })}`}
        {session.venueRoom && ` · ${session.venueRoom}`}
      </p>
      {session.speakers.length > 0 && <p style={{ margin: '0.25rem 0 0' }}>{t('with', { speakers: session.speakers.join(', ') })}</p>}
    </div>
  );
}
