'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { BreakoutRun } from '@/lib/contracts/breakouts';
import { countryName } from '@/lib/domain/countries';
import { request } from '@/app/_lib/realtime-client';
import { uuid } from '@/app/_lib/uuid';
import { BreakoutControl } from './BreakoutControl';
import { RoomWork } from './RoomWork';
import { clock, recallVisit, rememberVisit, useBreakouts, useSecondsLeft } from './use-breakouts';

/** Breakout rooms in the session page: where I am, the countdown, broadcasts; the control room for moderators. */
export function BreakoutPanel({ sessionId }: { sessionId: string }) {
  const t = useTranslations('breakouts');
  const { state, status, offsetMs, broadcast } = useBreakouts(sessionId);
  const run = state?.run ?? null;
  const room = state?.room ?? null;
  const restored = useRef<string | null>(null);

  // After a server restart or a reopened tab, a moderator's visit or table-laptop sign-in is put back.
  useEffect(() => {
    if (!state?.canManage) return;
    if (!run) {
      rememberVisit(sessionId, null);
      return;
    }
    if (room || restored.current === run.id) return;
    restored.current = run.id;
    const visit = recallVisit(sessionId);
    if (visit?.runId === run.id) void request('breakout:visit', { runId: run.id, roomId: visit.roomId, asTable: visit.asTable });
  }, [state?.canManage, run, room, sessionId]);

  if (status.kind === 'loading') return null;
  if (!run && !state?.canManage) {
    // Nothing to show a participant until rooms open (errors still are).
    return status.kind === 'error' ? (
      <p className="alert error" role="alert">
        {status.message}
      </p>
    ) : null;
  }

  return (
    <section className="card breakouts" aria-labelledby="breakouts-heading" data-testid="breakouts">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="breakouts-heading" style={{ margin: 0 }}>
          {t('title')}
        </h2>
        {run && <Countdown run={run} offsetMs={offsetMs} />}
      </div>
      {status.kind === 'reconnecting' && <p className="muted">{t('reconnecting')}</p>}
      {status.kind === 'error' && (
        <p className="alert error" role="alert">
          {status.message}
        </p>
      )}
      {broadcast && (
        <p className="alert warn breakouts-broadcast" role="alert" data-testid="breakout-broadcast">
          <strong>{broadcast.from ? t('broadcastFrom', { name: broadcast.from }) : t('broadcast')}</strong> {broadcast.message}
        </p>
      )}
      {run && room && (
        <div className="stack" data-testid="my-breakout-room" data-room-id={room.id}>
          <p style={{ margin: 0 }} role="status">
            {room.table ? t('tableLaptop', { room: room.name }) : room.visiting ? t('visiting', { room: room.name }) : t('youAreIn', { room: room.name })}
            {room.cohortName && <span className="badge">{t('cohort', { name: room.cohortName })}</span>}
            {room.inHallTable && <span className="badge">{t('hallTable')}</span>}
          </p>
          <ul className="breakouts-members" aria-label={t('membersOf', { room: room.name })}>
            {room.members.map((m) => (
              <li key={m.userId}>
                {m.name}
                {m.country && (
                  <span className="muted" title={countryName(m.country)}>
                    {' '}
                    {countryName(m.country)}
                  </span>
                )}
                <span className="badge">{m.attendanceMode === 'in_person' ? t('inHall') : t('online')}</span>
              </li>
            ))}
          </ul>
          {room.inHallTable && <p className="muted">{t('hallTableExplain')}</p>}
          {!room.visiting && <HelpButton runId={run.id} />}
          <RoomWork room={room} disabled={run.status === 'closed'} />
        </div>
      )}
      {run && !room && !state?.canManage && (run.mode === 'self_select' ? <ChooseRoom run={run} /> : <p>{t('waitingForRoom')}</p>)}
      {state?.canManage && <BreakoutControl sessionId={sessionId} run={run} offsetMs={offsetMs} visitingRoomId={room?.visiting ? room.id : null} />}
    </section>
  );
}

function Countdown({ run, offsetMs }: { run: BreakoutRun; offsetMs: number }) {
  const t = useTranslations('breakouts');
  const closing = run.status === 'closing';
  const left = useSecondsLeft(closing ? run.returnAt : run.endsAt, offsetMs);
  if (left === null) return null;
  return (
    <p className={`breakouts-timer${closing ? ' closing' : ''}`} role="timer" aria-live={closing ? 'assertive' : 'off'} data-testid="breakout-timer" style={{ margin: 0 }}>
      {closing ? t('returningIn', { time: clock(left) }) : t('timeLeft', { time: clock(left) })}
    </p>
  );
}

function HelpButton({ runId }: { runId: string }) {
  const t = useTranslations('breakouts');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'sending'; id: string } | { kind: 'sent' } | { kind: 'error'; message: string; id: string }>({ kind: 'idle' });
  const ask = async () => {
    // The same id on a retry: the moderator sees one request, not two.
    const id = state.kind === 'error' ? state.id : uuid();
    setState({ kind: 'sending', id });
    const res = await request('breakout:help', { runId, requestId: id, message: '' });
    setState(res.ok ? { kind: 'sent' } : { kind: 'error', message: res.error.message, id });
  };
  return (
    <div className="row">
      <button type="button" className="secondary" onClick={ask} disabled={state.kind === 'sending' || state.kind === 'sent'}>
        {t('askForHelp')}
      </button>
      <span role="status" className="muted">
        {state.kind === 'sent' && t('helpSent')}
        {state.kind === 'error' && state.message}
      </span>
    </div>
  );
}

function ChooseRoom({ run }: { run: BreakoutRun }) {
  const t = useTranslations('breakouts');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (roomId: string) => {
    setBusy(true);
    setError(null);
    const res = await request('breakout:choose', { runId: run.id, roomId });
    setBusy(false);
    if (!res.ok) setError(res.error.message);
  };
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>{t('chooseExplain')}</p>
      <ul className="breakouts-choose" aria-label={t('chooseRoom')}>
        {run.rooms.map((r) => {
          const full = r.capacity !== null && r.memberCount >= r.capacity;
          return (
            <li key={r.id} className="row">
              <button type="button" onClick={() => choose(r.id)} disabled={busy || full} aria-label={t('joinRoom', { room: r.name })}>
                {r.name}
              </button>
              <span className="muted">{r.capacity === null ? t('countNoLimit', { count: r.memberCount }) : t('countOfCapacity', { count: r.memberCount, capacity: r.capacity })}</span>
              {full && <span className="badge">{t('full')}</span>}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
