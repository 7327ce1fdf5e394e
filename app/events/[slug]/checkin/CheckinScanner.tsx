'use client';
import jsQR from 'jsqr';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckinOutcome, CheckinPerson, CheckinRoster } from '@/lib/contracts/attendance';
import { parseScannedCode, ROOM_RESCAN_MS } from '@/lib/domain/checkin-code';
import { realtime, request } from '../../../_lib/realtime-client';
import { formatClock } from '../../../_attend/format';
import { deviceProblem } from '../../../_lib/media/devices';
import { loadPoint, loadQueue, loadRoster, savePoint, saveQueue, saveRoster, type QueuedScan } from './checkin-queue';

type Answer = {
  scanId: string;
  /** `rejected`: the server refused the scan itself (e.g. a room no longer on the programme). */
  outcome: CheckinOutcome | 'pending_unknown' | 'rejected';
  person: CheckinPerson | null;
  checkedInAt: string | null;
  otherEventTitle: string | null;
  venueRoom: string | null;
  roomEnteredAt: string | null;
  checkedInNow: boolean;
  message?: string;
  /** Answered from the phone's roster, not yet confirmed by the server. */
  local: boolean;
};

const REPEAT_MS = 3000;

export function CheckinScanner({ eventId, countryNames, rooms }: { eventId: string; countryNames: Record<string, string>; rooms: string[] }) {
  const t = useTranslations('checkin');
  const locale = useLocale();
  const [roster, setRoster] = useState<CheckinRoster | null>(null);
  const [queue, setQueue] = useState<QueuedScan[]>([]);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [online, setOnline] = useState(false);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on' | 'error'>('off');
  const [cameraError, setCameraError] = useState('');
  const [typed, setTyped] = useState('');
  // '' = the venue entrance; otherwise the room whose door this phone is at.
  const [point, setPoint] = useState('');
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const lastRead = useRef<{ text: string; at: number }>({ text: '', at: 0 });
  const flushing = useRef(false);
  const queueRef = useRef<QueuedScan[]>([]);
  const rosterRef = useRef<CheckinRoster | null>(null);
  // This phone's own room scans, to answer a rescan at the same door as the server will.
  const lastRoom = useRef(new Map<string, { room: string; at: number }>());
  const pointRef = useRef('');

  const setQueueBoth = useCallback(
    (next: QueuedScan[]) => {
      queueRef.current = next;
      saveQueue(eventId, next);
      setQueue(next);
    },
    [eventId],
  );
  const setRosterBoth = useCallback((next: CheckinRoster) => {
    rosterRef.current = next;
    saveRoster(next);
    setRoster(next);
  }, []);

  const markCheckedIn = useCallback(
    (userId: string, at: string) => {
      const r = rosterRef.current;
      if (!r) return;
      setRosterBoth({ ...r, people: r.people.map((p) => (p.userId === userId && !p.checkedInAt ? { ...p, checkedInAt: at } : p)) });
    },
    [setRosterBoth],
  );

  const flush = useCallback(async () => {
    // navigator.onLine catches a dropped network before the socket's heartbeat notices it.
    if (flushing.current || !realtime().connected || !navigator.onLine) return;
    flushing.current = true;
    try {
      for (const item of [...queueRef.current]) {
        const res = await request('checkin:scan', item, 8000);
        if (!res.ok && res.error.code === 'internal') break; // no answer: keep it and retry later
        setQueueBoth(queueRef.current.filter((q) => q.scanId !== item.scanId));
        setAnswers((list) =>
          list.map((a) =>
            a.scanId !== item.scanId
              ? a
              : res.ok
                ? { ...res.data, local: false }
                : { ...a, outcome: 'rejected', local: false, message: res.error.message },
          ),
        );
        if (res.ok && res.data.person && res.data.checkedInAt) markCheckedIn(res.data.person.userId, res.data.checkedInAt);
      }
    } finally {
      flushing.current = false;
    }
  }, [markCheckedIn, setQueueBoth]);

  const refreshRoster = useCallback(async () => {
    const res = await request('checkin:roster', { eventId });
    if (res.ok) {
      // Keep local check-ins the server has not confirmed yet.
      const pending = new Map(queueRef.current.map((q) => [q.code, q.scannedAt]));
      const merged = res.data.people.map((p) => (p.checkedInAt || !pending.has(p.code) ? p : { ...p, checkedInAt: pending.get(p.code)! }));
      setRosterBoth({ ...res.data, people: merged });
    }
  }, [eventId, setRosterBoth]);

  useEffect(() => {
    const r = loadRoster(eventId);
    if (r) {
      rosterRef.current = r;
      setRoster(r);
    }
    const q = loadQueue(eventId);
    queueRef.current = q;
    setQueue(q);
    const p = loadPoint(eventId);
    pointRef.current = p;
    setPoint(p);
    const socket = realtime();
    const onConnect = () => {
      setOnline(navigator.onLine);
      void flush().then(refreshRoster);
    };
    const onDisconnect = () => setOnline(false);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) onConnect();
    const onBrowserOnline = () => {
      setOnline(socket.connected);
      void flush();
    };
    const onBrowserOffline = () => setOnline(false);
    window.addEventListener('online', onBrowserOnline);
    window.addEventListener('offline', onBrowserOffline);
    const timer = setInterval(() => void flush(), 5000);
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      window.removeEventListener('online', onBrowserOnline);
      window.removeEventListener('offline', onBrowserOffline);
      clearInterval(timer);
    };
  }, [eventId, flush, refreshRoster]);

  const choosePoint = (next: string) => {
    pointRef.current = next;
    savePoint(eventId, next);
    setPoint(next);
    // The same badge read at another door is a new scan.
    lastRead.current = { text: '', at: 0 };
  };

  const submit = useCallback(
    (text: string) => {
      const now = Date.now();
      if (lastRead.current.text === text && now - lastRead.current.at < REPEAT_MS) return;
      lastRead.current = { text, at: now };
      const room = pointRef.current || null;
      const scan: QueuedScan = { eventId, scanId: crypto.randomUUID(), code: text, scannedAt: new Date(now).toISOString(), venueRoom: room };
      const parsed = parseScannedCode(text);
      const r = rosterRef.current;
      const entry = parsed.eventId === null || parsed.eventId === eventId ? r?.people.find((p) => p.code === parsed.code) : undefined;
      const base = { scanId: scan.scanId, otherEventTitle: null, venueRoom: room, roomEnteredAt: null, checkedInNow: false, local: true };
      let answer: Answer;
      if (parsed.eventId && parsed.eventId !== eventId) {
        answer = { ...base, outcome: 'other_event', person: null, checkedInAt: null };
      } else if (entry) {
        const { code: _code, checkedInAt, ...person } = entry;
        if (room) {
          const last = lastRoom.current.get(entry.userId);
          const repeat = last && last.room === room && now - last.at < ROOM_RESCAN_MS;
          if (!repeat) lastRoom.current.set(entry.userId, { room, at: now });
          answer = {
            ...base,
            outcome: repeat ? 'room_duplicate' : 'room_entered',
            person,
            checkedInAt: checkedInAt ?? scan.scannedAt,
            roomEnteredAt: repeat ? new Date(last.at).toISOString() : scan.scannedAt,
            checkedInNow: !checkedInAt,
          };
        } else {
          answer = checkedInAt
            ? { ...base, outcome: 'duplicate', person, checkedInAt }
            : { ...base, outcome: 'checked_in', person, checkedInAt: scan.scannedAt, checkedInNow: true };
        }
        if (!checkedInAt) markCheckedIn(entry.userId, scan.scannedAt);
      } else {
        // Not on the phone's list: maybe someone registered since it was loaded. The server decides.
        answer = { ...base, outcome: 'pending_unknown', person: null, checkedInAt: null };
      }
      setAnswers((list) => [answer, ...list].slice(0, 30));
      setQueueBoth([...queueRef.current, scan]);
      void flush();
    },
    [eventId, flush, markCheckedIn, setQueueBoth],
  );

  // Camera scanning: a frame every 200 ms, downscaled, through jsQR.
  useEffect(() => {
    if (camera !== 'on') return;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const timer = setInterval(() => {
      const video = videoRef.current;
      if (!video || !ctx || video.readyState < 2 || !video.videoWidth) return;
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (found?.data) submit(found.data);
    }, 200);
    return () => clearInterval(timer);
  }, [camera, submit]);

  const startCamera = async () => {
    setCamera('starting');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      streamRef.current = stream;
      if (videoRef.current) {
        videoRef.current.srcObject = stream;
        await videoRef.current.play();
      }
      setCamera('on');
    } catch (err) {
      // The browser's own message is English whatever the page says; say why in the reader's language.
      setCameraError(t(`camera.problem.${deviceProblem(err)}`));
      setCamera('error');
    }
  };
  const stopCamera = () => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setCamera('off');
  };
  useEffect(() => () => streamRef.current?.getTracks().forEach((track) => track.stop()), []);

  const latest = answers[0];
  const checkedInCount = roster?.people.filter((p) => p.checkedInAt).length ?? 0;
  const inHallCount = roster?.people.filter((p) => p.attendanceMode === 'in_person').length ?? 0;
  const zone = roster?.timeZone ?? 'UTC';
  // The programme's rooms as the page was rendered, plus any the roster learnt since; a chosen room stays listed.
  const doors = [...new Set([...rooms, ...(roster?.rooms ?? []), ...(point ? [point] : [])])].sort((a, b) => a.localeCompare(b));
  const clock = (iso: string | null) => (iso ? formatClock(new Date(iso), zone, locale) : '?');

  const describe = (a: Answer) => {
    switch (a.outcome) {
      case 'checked_in':
        return t('outcome.checkedIn');
      case 'duplicate':
        return t('outcome.duplicate', { time: clock(a.checkedInAt) });
      case 'room_entered':
        return a.checkedInNow ? t('outcome.roomEnteredAndCheckedIn', { room: a.venueRoom ?? '' }) : t('outcome.roomEntered', { room: a.venueRoom ?? '' });
      case 'room_duplicate':
        return t('outcome.roomDuplicate', { room: a.venueRoom ?? '', time: clock(a.roomEnteredAt) });
      case 'rejected':
        return t('outcome.rejected', { message: a.message ?? '' });
      case 'other_event':
        return a.otherEventTitle ? t('outcome.otherEventNamed', { event: a.otherEventTitle }) : t('outcome.otherEvent');
      case 'unknown_code':
        return t('outcome.unknown');
      case 'pending_unknown':
        return t('outcome.pendingUnknown');
    }
  };
  const tone = (a: Answer) =>
    a.outcome === 'checked_in' || a.outcome === 'room_entered'
      ? 'ok'
      : a.outcome === 'duplicate' || a.outcome === 'room_duplicate' || a.outcome === 'pending_unknown'
        ? 'warn'
        : 'error';

  return (
    <div className="stack checkin-scanner">
      <p className="row" aria-live="polite" style={{ margin: 0 }}>
        <span className={`status-dot ${online ? 'live' : ''}`} aria-hidden="true" />
        <span>{online ? t('status.online') : t('status.offline')}</span>
        <span className="badge" data-testid="checkin-pending">
          {t('status.pending', { count: queue.length })}
        </span>
        {roster && <span className="muted">{t('status.count', { checkedIn: checkedInCount, total: inHallCount })}</span>}
      </p>

      <div className="card stack">
        <label>
          {t('point.label')}
          <select value={point} onChange={(e) => choosePoint(e.target.value)} aria-describedby="checkin-point-hint" data-testid="checkin-point">
            <option value="">{t('point.entrance')}</option>
            {doors.map((room) => (
              <option key={room} value={room}>
                {t('point.room', { room })}
              </option>
            ))}
          </select>
        </label>
        <p className="hint" id="checkin-point-hint" style={{ margin: 0 }}>
          {t('point.hint')}
        </p>
      </div>

      <section className={`card checkin-answer ${latest ? `is-${tone(latest)}` : ''}`} aria-labelledby="checkin-answer-heading">
        <h2 id="checkin-answer-heading" className="visually-hidden">
          {t('answer')}
        </h2>
        <div role="status" aria-live="assertive" data-testid="checkin-answer">
          {!latest ? (
            <p className="muted" style={{ margin: 0 }}>
              {t('ready')}
            </p>
          ) : (
            <div className="checkin-person">
              {latest.person && (
                <span className="avatar checkin-initials" aria-hidden="true">
                  {latest.person.initials}
                </span>
              )}
              <div>
                <p className="checkin-verdict">{describe(latest)}</p>
                {latest.person && (
                  <>
                    <p className="checkin-name">{latest.person.name}</p>
                    <p style={{ margin: 0 }}>
                      {latest.person.country ? (countryNames[latest.person.country] ?? latest.person.country) : t('noCountry')}
                      {latest.person.organisation && ` · ${latest.person.organisation}`}
                    </p>
                    {latest.person.attendanceMode === 'remote' && <p className="field-error">{t('registeredOnline')}</p>}
                  </>
                )}
                {latest.local && <p className="muted" style={{ margin: 0 }}>{t('notSynced')}</p>}
              </div>
            </div>
          )}
        </div>
      </section>

      <section className="card stack" aria-labelledby="camera-heading">
        <h2 id="camera-heading" style={{ margin: 0 }}>
          {t('camera.heading')}
        </h2>
        <video ref={videoRef} className="checkin-video" playsInline muted hidden={camera !== 'on'} aria-label={t('camera.preview')} />
        {camera === 'error' && (
          <p role="alert" className="alert error">
            {t('camera.error', { error: cameraError })}
          </p>
        )}
        <div>
          {camera === 'on' ? (
            <button type="button" className="secondary" onClick={stopCamera}>
              {t('camera.stop')}
            </button>
          ) : (
            <button type="button" onClick={() => void startCamera()} disabled={camera === 'starting'}>
              {camera === 'starting' ? t('camera.starting') : t('camera.start')}
            </button>
          )}
        </div>
      </section>

      <form
        className="card stack"
        aria-label={t('typed.form')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!typed.trim()) return;
          lastRead.current = { text: '', at: 0 };
          submit(typed.trim());
          setTyped('');
        }}
      >
        <label>
          {t('typed.label')}
          <span className="hint">{t('typed.hint')}</span>
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            className="attend-code"
          />
        </label>
        <div>
          <button type="submit">{t('typed.submit')}</button>
        </div>
      </form>

      {answers.length > 1 && (
        <section className="card" aria-labelledby="recent-scans-heading">
          <h2 id="recent-scans-heading" style={{ marginTop: 0 }}>
            {t('recent')}
          </h2>
          <ul className="presence-list">
            {answers.slice(1, 11).map((a) => (
              <li key={a.scanId}>
                <span className="avatar" aria-hidden="true">
                  {a.person?.initials ?? '?'}
                </span>
                <span>{a.person?.name ?? '—'}</span>
                <span className="muted">{describe(a)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
