'use client';
import { useCallback, useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { BreakoutRun, ControlView } from '@/lib/contracts/breakouts';
import { realtime, request } from '@/app/_lib/realtime-client';
import { rememberVisit } from './use-breakouts';
import { OpenBreakouts } from './OpenBreakouts';

interface Props {
  sessionId: string;
  run: BreakoutRun | null;
  offsetMs: number;
  visitingRoomId: string | null;
}

/** Moderators: the open form when no rooms run, else the control room. The server re-checks the role on every action. */
export function BreakoutControl({ sessionId, run, visitingRoomId }: Props) {
  if (!run) return <OpenBreakouts sessionId={sessionId} />;
  return <ControlRoom sessionId={sessionId} run={run} visitingRoomId={visitingRoomId} />;
}

const SILENT_AFTER_SECONDS = 120;

function ControlRoom({ sessionId, run, visitingRoomId }: { sessionId: string; run: BreakoutRun; visitingRoomId: string | null }) {
  const t = useTranslations('breakouts');
  const [view, setView] = useState<ControlView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [warning, setWarning] = useState(60);

  const load = useCallback(async () => {
    const res = await request('breakout:control', { runId: run.id });
    if (res.ok) setView(res.data);
    else setError(res.error.message);
  }, [run.id]);

  useEffect(() => {
    const socket = realtime();
    const onChanged = ({ runId }: { runId: string }) => {
      if (runId === run.id) void load();
    };
    socket.on('breakout:control-changed', onChanged);
    socket.on('connect', load);
    void load();
    // "Silent for" grows without any event; refresh it now and then.
    const timer = setInterval(load, 15_000);
    return () => {
      socket.off('breakout:control-changed', onChanged);
      socket.off('connect', load);
      clearInterval(timer);
    };
  }, [load, run.id, run.rev]);

  const act = async (fn: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(true);
    setError(null);
    const res = await fn();
    setBusy(false);
    if (!res.ok) setError(res.error?.message ?? t('failed'));
    else void load();
    return res.ok;
  };

  const visit = (roomId: string | null, asTable = false) =>
    act(async () => {
      const res = await request('breakout:visit', { runId: run.id, roomId, asTable });
      if (res.ok) rememberVisit(sessionId, roomId ? { runId: run.id, roomId, asTable } : null);
      return res;
    });

  const rooms = view?.rooms ?? [];
  const visitorName = (v: ControlView['rooms'][number]['visitors'][number]) => (v.table ? t('tableLaptopOf', { name: v.name }) : v.name);
  return (
    <div className="stack breakouts-control" aria-label={t('controlRoom')} role="region">
      <h3 style={{ margin: 0 }}>{t('controlRoom')}</h3>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await act(() => request('breakout:broadcast', { runId: run.id, message }))) setMessage('');
        }}
      >
        <label htmlFor="breakout-broadcast-input" className="visually-hidden">
          {t('broadcastLabel')}
        </label>
        <input id="breakout-broadcast-input" value={message} onChange={(e) => setMessage(e.target.value)} maxLength={500} placeholder={t('broadcastLabel')} style={{ flex: 1, minWidth: 0 }} />
        <button type="submit" disabled={busy || !message.trim()}>
          {t('broadcastSend')}
        </button>
      </form>
      <div className="row">
        <button type="button" className="secondary" disabled={busy} onClick={() => act(() => request('breakout:extend', { runId: run.id, minutes: 5 }))}>
          {t('extend5')}
        </button>
        <label htmlFor="breakout-warning">{t('warningLabel')}</label>
        <select id="breakout-warning" value={warning} onChange={(e) => setWarning(Number(e.target.value))}>
          {[60, 30, 10, 0].map((s) => (
            <option key={s} value={s}>
              {s === 0 ? t('warningNone') : t('warningSeconds', { seconds: s })}
            </option>
          ))}
        </select>
        <button type="button" className="danger" disabled={busy} onClick={() => act(() => request('breakout:close', { runId: run.id, warningSeconds: warning }))}>
          {run.status === 'closing' ? t('closeSooner') : t('closeRooms')}
        </button>
        {visitingRoomId && (
          <button type="button" className="secondary" disabled={busy} onClick={() => visit(null)}>
            {t('backToMain')}
          </button>
        )}
      </div>

      <section aria-labelledby="help-heading">
        <h4 id="help-heading" style={{ margin: '0.5rem 0' }}>
          {t('helpQueue')} <span className="badge">{view?.help.length ?? 0}</span>
        </h4>
        {view && view.help.length === 0 && <p className="muted">{t('helpNone')}</p>}
        <ul className="breakouts-help" aria-label={t('helpQueue')}>
          {view?.help.map((h) => (
            <li key={h.id} className="row" data-testid="help-request">
              <span>{t('helpItem', { name: h.name, room: h.roomName })}</span>
              {h.message && <span className="muted">“{h.message}”</span>}
              <button type="button" className="secondary" disabled={busy} onClick={() => visit(h.roomId)}>
                {t('visitRoom', { room: h.roomName })}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => act(() => request('breakout:help-resolve', { requestId: h.id }))}>
                {t('resolve')}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <ul className="breakouts-rooms" aria-label={t('rooms')}>
        {rooms.map((r) => {
          const silent = r.silentForSeconds === null || r.silentForSeconds >= SILENT_AFTER_SECONDS;
          const presentCount = r.members.filter((m) => m.present).length;
          return (
            <li key={r.id} className="card breakouts-room" data-testid="control-room" data-room-name={r.name}>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>{r.name}</strong>
                <span className="row">
                  <span className="badge">{t('presentCount', { present: presentCount, total: r.members.length })}</span>
                  {r.inHallTable && <span className="badge">{t('hallTable')}</span>}
                  {presentCount > 0 && silent && (
                    <span className="badge breakouts-silent">
                      {r.silentForSeconds === null ? t('silentYet') : t('silentFor', { minutes: Math.floor(r.silentForSeconds / 60) })}
                    </span>
                  )}
                </span>
              </div>
              <ul className="breakouts-members" aria-label={t('membersOf', { room: r.name })}>
                {r.members.map((m) => (
                  <li key={m.userId} className="row">
                    <span className={`status-dot ${m.present ? 'live' : ''}`} aria-hidden="true" />
                    <span>{m.name}</span>
                    <span className="visually-hidden">{m.present ? t('present') : t('away')}</span>
                    {m.speaking && <span className="badge breakouts-speaking">{t('speaking')}</span>}
                    <MoveSelect
                      rooms={rooms}
                      currentRoomId={r.id}
                      name={m.name}
                      disabled={busy}
                      onMove={(roomId) => act(() => request('breakout:move', { runId: run.id, userId: m.userId, roomId }))}
                    />
                  </li>
                ))}
              </ul>
              {r.visitors.length > 0 && (
                <p className="muted">
                  {t('visitors', { names: r.visitors.map(visitorName).join(', ') })}
                  {r.visitors
                    .filter((v) => v.speaking)
                    .map((v) => (
                      <span key={v.userId} className="badge breakouts-speaking" style={{ marginInlineStart: '0.5rem' }}>
                        {t('speakingName', { name: visitorName(v) })}
                      </span>
                    ))}
                </p>
              )}
              <div className="row">
                {visitingRoomId === r.id ? (
                  <button type="button" className="secondary" disabled={busy} onClick={() => visit(null)}>
                    {t('leaveRoom')}
                  </button>
                ) : (
                  <button type="button" className="secondary" disabled={busy} onClick={() => visit(r.id)}>
                    {t('visitRoom', { room: r.name })}
                  </button>
                )}
                {r.inHallTable && visitingRoomId !== r.id && (
                  <button type="button" className="secondary" disabled={busy} onClick={() => visit(r.id, true)}>
                    {t('becomeTable', { room: r.name })}
                  </button>
                )}
                {!run.rooms.find((x) => x.id === r.id)?.cohortId && r.members.length > 0 && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => act(() => request('breakout:cohort-save', { sessionId, name: r.name, inHallTable: r.inHallTable, memberIds: r.members.map((m) => m.userId) }))}
                  >
                    {t('keepAsCohort')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {view && view.unassigned.length > 0 && (
        <section aria-labelledby="unassigned-heading">
          <h4 id="unassigned-heading" style={{ margin: '0.5rem 0' }}>
            {t('unassigned')}
          </h4>
          <ul className="breakouts-members">
            {view.unassigned.map((m) => (
              <li key={m.userId} className="row">
                <span>{m.name}</span>
                <MoveSelect rooms={rooms} currentRoomId={null} name={m.name} disabled={busy} onMove={(roomId) => act(() => request('breakout:move', { runId: run.id, userId: m.userId, roomId }))} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function MoveSelect({ rooms, currentRoomId, name, disabled, onMove }: { rooms: ControlView['rooms']; currentRoomId: string | null; name: string; disabled: boolean; onMove: (roomId: string) => void }) {
  const t = useTranslations('breakouts');
  return (
    <select
      aria-label={t('moveLabel', { name })}
      value=""
      disabled={disabled}
      onChange={(e) => {
        if (e.target.value) onMove(e.target.value);
      }}
    >
      <option value="">{t('moveTo')}</option>
      {rooms
        .filter((r) => r.id !== currentRoomId)
        .map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
    </select>
  );
}
