'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { LiveCounts } from '@/lib/contracts/attendance';
import { realtime, request, listen } from '../../../_lib/realtime-client';
import { formatClock } from '../../../_attend/format';
import { BarChart } from './Charts';
import { DataTable } from '../../../_components/DataTable';

type Status = { kind: 'connecting' } | { kind: 'live' } | { kind: 'reconnecting' } | { kind: 'error'; message: string };

/**
 * Live counts: asks for a snapshot on every (re)connect, then applies the
 * server's notices; each change also refreshes the server-rendered table
 * below (at most every few seconds).
 */
export function LiveDashboard({
  eventId,
  initial,
  timeZone,
  countryNames,
}: {
  eventId: string;
  initial: LiveCounts;
  timeZone: string;
  countryNames: Record<string, string>;
}) {
  const t = useTranslations('attendance');
  const locale = useLocale();
  const router = useRouter();
  const [counts, setCounts] = useState(initial);
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const scheduleRefresh = () => {
      refreshTimer.current ??= setTimeout(() => {
        refreshTimer.current = null;
        router.refresh();
      }, 3000);
    };
    const watch = async () => {
      const res = await request('attendance:watch', { eventId });
      if (cancelled) return;
      if (res.ok) {
        setCounts(res.data);
        setStatus({ kind: 'live' });
      } else setStatus({ kind: 'error', message: res.error.message });
    };
    const onChanged = (c: LiveCounts) => {
      if (c.eventId !== eventId) return;
      setCounts(c);
      scheduleRefresh();
    };
    const onDisconnect = () => setStatus({ kind: 'reconnecting' });
    const unlisten = listen(socket, { connect: watch, 'attendance:changed': onChanged, disconnect: onDisconnect });
    if (socket.connected) void watch();
    return () => {
      cancelled = true;
      unlisten();
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      void request('attendance:unwatch', { eventId });
    };
  }, [eventId, router]);

  const name = (code: string | null) => (code ? (countryNames[code] ?? code) : t('noCountry'));
  const present = counts.byCountry.filter((c) => c.inHall + c.online > 0);
  return (
    <section className="card stack" aria-labelledby="live-heading">
      <h2 id="live-heading" style={{ margin: 0 }}>
        {t('live.heading')}
      </h2>
      <p className="muted" aria-live="polite" style={{ margin: 0 }}>
        <span className={`status-dot ${status.kind === 'live' ? 'live' : ''}`} aria-hidden="true" />{' '}
        {status.kind === 'live' && t('live.live')}
        {status.kind === 'connecting' && t('live.connecting')}
        {status.kind === 'reconnecting' && t('live.reconnecting')}
        {status.kind === 'error' && <span role="alert">{status.message}</span>}
      </p>
      <div className="attend-stats">
        <div className="attend-stat" data-testid="live-in-hall">
          <span className="attend-stat-value">{counts.inHall}</span>
          <span>{t('live.inHall', { registered: counts.registered.in_person })}</span>
        </div>
        <div className="attend-stat" data-testid="live-online">
          <span className="attend-stat-value">{counts.online}</span>
          <span>{t('live.online', { registered: counts.registered.remote })}</span>
        </div>
      </div>
      {present.length > 0 && (
        <BarChart
          label={t('live.chartLabel')}
          labels={present.map((c) => c.country ?? '—')}
          stacked
          series={[
            { label: t('live.seriesHall'), values: present.map((c) => c.inHall), color: '#0b6e4f' },
            { label: t('live.seriesOnline'), values: present.map((c) => c.online), color: '#1c5fa8' },
          ]}
        />
      )}
      <DataTable label={t('live.byCountry')} columns={[t('country'), t('live.colHall'), t('live.colOnline'), t('live.colRegistered')]}>
        {counts.byCountry.map((c) => (
          <tr key={c.country ?? 'none'}>
            <td>{name(c.country)}</td>
            <td>{c.inHall}</td>
            <td>{c.online}</td>
            <td>{c.registered}</td>
          </tr>
        ))}
      </DataTable>
      {counts.rooms.length > 0 && (
        <>
          <DataTable label={t('live.rooms')} testId="live-rooms" columns={[t('live.colRoom'), t('live.colPresent')]}>
            {counts.rooms.map((r) => (
              <tr key={r.venueRoom}>
                <td>{r.venueRoom}</td>
                <td>{r.present}</td>
              </tr>
            ))}
          </DataTable>
          {counts.recentRoomScans.length > 0 && (
            <>
              <h3 style={{ margin: 0 }}>{t('live.recentRooms')}</h3>
              <ul className="presence-list" aria-label={t('live.recentRooms')}>
                {counts.recentRoomScans.map((r) => (
                  <li key={`${r.userId}:${r.scannedAt}`}>
                    <span>{formatClock(new Date(r.scannedAt), timeZone, locale)}</span>
                    <strong>{r.name}</strong>
                    <span className="muted">{r.venueRoom}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <h3 style={{ margin: 0 }}>{t('live.recent')}</h3>
      {counts.recentCheckins.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('live.noCheckins')}
        </p>
      ) : (
        <ul className="presence-list" aria-label={t('live.recent')}>
          {counts.recentCheckins.map((c) => (
            <li key={c.userId}>
              <span>{formatClock(new Date(c.checkedInAt), timeZone, locale)}</span>
              <strong>{c.name}</strong>
              <span className="muted">{name(c.country)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
