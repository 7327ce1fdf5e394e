'use client';
import { useLocale } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatDateTime } from './format';

/**
 * An instant in the viewer's zone (their profile's, else the browser's) with
 * the event's zone alongside when they differ. The server render uses the
 * event's zone; the browser's zone is only known after hydration.
 */
export function ZonedTime({ iso, eventZone, viewerZone }: { iso: string; eventZone: string; viewerZone?: string | null }) {
  const locale = useLocale();
  const [zone, setZone] = useState(viewerZone ?? eventZone);
  useEffect(() => {
    if (!viewerZone) setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || eventZone);
  }, [viewerZone, eventZone]);
  const instant = new Date(iso);
  return (
    <time dateTime={iso}>
      {formatDateTime(instant, zone, locale)} <span className="muted">({zone})</span>
      {zone !== eventZone && (
        <span className="attend-alt-time">
          {' · '}
          {formatDateTime(instant, eventZone, locale)} <span className="muted">({eventZone})</span>
        </span>
      )}
    </time>
  );
}
