'use client';
import { useLocale } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatClock, formatDateTime } from './format';

/**
 * An instant in the viewer's zone (their profile's, else the browser's) with
 * the event's zone alongside when they differ. The server render uses the
 * event's zone; the browser's zone is only known after hydration.
 *
 * `clock`: the time of day only, for the rows of a log under a heading that
 * already names the day and the viewer's zone; the event's time still follows
 * when the zones differ, with its zone named.
 */
export function ZonedTime({ iso, eventZone, viewerZone, clock = false }: { iso: string; eventZone: string; viewerZone?: string | null; clock?: boolean }) {
  const locale = useLocale();
  const [zone, setZone] = useState(viewerZone ?? eventZone);
  useEffect(() => {
    if (!viewerZone) setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || eventZone);
  }, [viewerZone, eventZone]);
  const instant = new Date(iso);
  const format = clock ? formatClock : formatDateTime;
  return (
    <time dateTime={iso}>
      {format(instant, zone, locale)}
      {!clock && <span className="muted"> ({zone})</span>}
      {zone !== eventZone && (
        <span className="attend-alt-time">
          {' · '}
          {format(instant, eventZone, locale)} <span className="muted">({eventZone})</span>
        </span>
      )}
    </time>
  );
}
