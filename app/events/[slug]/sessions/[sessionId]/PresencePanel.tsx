'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { Peer } from '@/lib/contracts/presence';
import { localCountryName } from '@/lib/i18n/format';
import { realtime, request, listen } from '../../../../_lib/realtime-client';

type Status = { kind: 'connecting' } | { kind: 'live' } | { kind: 'error'; message: string } | { kind: 'reconnecting' };

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** Who is here, live. On every (re)connect it asks for a fresh snapshot, so missed notices never leave it stale. */
export function PresencePanel({ sessionId }: { sessionId: string }) {
  const t = useTranslations('session');
  const tr = useTranslations('domain');
  const locale = useLocale();
  const [peers, setPeers] = useState<Peer[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const join = async () => {
      const res = await request('presence:join', { sessionId });
      if (cancelled) return;
      if (res.ok) {
        setPeers(res.data.peers);
        setStatus({ kind: 'live' });
      } else {
        setStatus({ kind: 'error', message: res.error.message });
      }
    };
    const onJoined = ({ sessionId: s, peer }: { sessionId: string; peer: Peer }) => {
      if (s !== sessionId) return;
      setPeers((list) => [...list.filter((p) => p.userId !== peer.userId), peer].sort((a, b) => a.name.localeCompare(b.name)));
    };
    const onLeft = ({ sessionId: s, userId }: { sessionId: string; userId: string }) => {
      if (s === sessionId) setPeers((list) => list.filter((p) => p.userId !== userId));
    };
    const onDisconnect = () => setStatus({ kind: 'reconnecting' });
    const onConnectError = (err: Error & { data?: { message?: string } }) =>
      setStatus({ kind: 'error', message: err.data?.message ?? t('cannotReach') });

    const unlisten = listen(socket, {
      connect: join,
      'presence:joined': onJoined,
      'presence:left': onLeft,
      disconnect: onDisconnect,
      connect_error: onConnectError,
    });
    if (socket.connected) void join();
    return () => {
      cancelled = true;
      unlisten();
      void request('presence:leave', { sessionId });
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t only formats the fallback message
  }, [sessionId]);

  const inHall = peers.filter((p) => p.attendanceMode === 'in_person').length;
  return (
    <section className="card" aria-labelledby="presence-heading">
      <h2 id="presence-heading" style={{ marginTop: 0 }}>
        {t('hereNow')} <span className="badge">{peers.length}</span>
      </h2>
      <p className="muted" aria-live="polite" style={{ marginTop: 0 }}>
        <span className={`status-dot ${status.kind === 'live' ? 'live' : ''}`} aria-hidden="true" />{' '}
        {status.kind === 'live' && t('liveCounts', { inHall, online: peers.length - inHall })}
        {status.kind === 'connecting' && t('connecting')}
        {status.kind === 'reconnecting' && t('reconnecting')}
        {status.kind === 'error' && <span role="alert">{status.message}</span>}
      </p>
      <ul className="presence-list" aria-label={t('peopleInSession')}>
        {peers.map((p) => (
          <li key={p.userId} data-testid="presence-peer">
            <span className="avatar" aria-hidden="true">
              {initials(p.name)}
            </span>
            <span style={{ fontWeight: 600 }}>{p.name}</span>
            <span className={`badge role-${p.role}`}>{tr(`roles.${p.role}`)}</span>
            <span className="badge">{tr(`attendance.${p.attendanceMode}`)}</span>
            {p.country && (
              <span className="badge" title={localCountryName(p.country, locale)}>
                {localCountryName(p.country, locale)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
