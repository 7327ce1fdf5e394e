'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { DeviceError, openCamera, openMicrophone, type DeviceProblem } from '@/app/_lib/media/devices';
import { joinPreference, rememberedDevices, rememberJoin } from '@/app/_lib/media/join-preference';
import { MicLevel } from './MicLevel';

export interface JoinChoice {
  camera: MediaStreamTrack | null;
  microphone: MediaStreamTrack | null;
  listenOnly: boolean;
}

interface Props {
  sessionId: string;
  /** The person may publish here (stage, meeting, hall device); otherwise they watch and listen. */
  mayPublish: boolean;
  hall: boolean;
  /** Offer "skip this check next time" and remember the choices (not for the lobby's check, which joins nothing). */
  remember?: boolean;
  onJoin(choice: JoinChoice): void;
}

type Problem = { device: 'camera' | 'microphone'; problem: DeviceProblem };

/** Camera and microphone preview, device choice and a level meter before entering the room. */
export function PreJoin({ sessionId, mayPublish, hall, remember = !hall, onJoin }: Props) {
  const t = useTranslations('media');
  // Prefilled from this browser's last choices (join-preference.ts): the devices from any session, the rest from this one.
  const [remembered] = useState(() => (hall ? null : { devices: rememberedDevices(), choice: joinPreference(sessionId) }));
  const [cameraOn, setCameraOn] = useState(mayPublish && (remembered?.choice?.camera ?? true));
  const [micOn, setMicOn] = useState(mayPublish && (remembered?.choice?.microphone ?? true));
  const [listenOnly, setListenOnly] = useState(remembered?.choice?.listenOnly ?? false);
  const [skipNextTime, setSkipNextTime] = useState(remembered?.choice?.skipCheck ?? true);
  const [camera, setCamera] = useState<MediaStreamTrack | null>(null);
  const [microphone, setMicrophone] = useState<MediaStreamTrack | null>(null);
  const [cameraId, setCameraId] = useState(remembered?.devices.cameraId ?? '');
  const [micId, setMicId] = useState(remembered?.devices.microphoneId ?? '');
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const handedOver = useRef(false);

  // While the person looks at the check, the mediasoup Device loads (issue 10.8): clicking Join then only joins,
  // creates the transport and consumes.
  // A dynamic import: the lobby's check (LobbyGate) renders this before the stage's code, and mediasoup-client must
  // stay out of the page's first scripts.
  useEffect(() => {
    void import('@/app/_lib/media/media-transports').then((m) => m.preloadDevice());
  }, []);

  const publishCamera = mayPublish && cameraOn && !listenOnly;
  const publishMic = mayPublish && micOn;

  useEffect(() => {
    if (!publishCamera) return;
    let track: MediaStreamTrack | null = null;
    let cancelled = false;
    openRemembered(openCamera, cameraId).then(
      (opened) => {
        if (cancelled) return opened.stop();
        track = opened;
        setCamera(opened);
        setProblems((list) => list.filter((p) => p.device !== 'camera'));
      },
      (err: unknown) => {
        if (!cancelled && err instanceof DeviceError) setProblems((list) => [...list.filter((p) => p.device !== 'camera'), { device: 'camera', problem: err.problem }]);
      },
    );
    return () => {
      cancelled = true;
      if (!handedOver.current) track?.stop();
      setCamera(null);
    };
  }, [publishCamera, cameraId]);

  useEffect(() => {
    if (!publishMic) return;
    let track: MediaStreamTrack | null = null;
    let cancelled = false;
    openRemembered(openMicrophone, micId).then(
      (opened) => {
        if (cancelled) return opened.stop();
        track = opened;
        setMicrophone(opened);
        setProblems((list) => list.filter((p) => p.device !== 'microphone'));
      },
      (err: unknown) => {
        if (!cancelled && err instanceof DeviceError) setProblems((list) => [...list.filter((p) => p.device !== 'microphone'), { device: 'microphone', problem: err.problem }]);
      },
    );
    return () => {
      cancelled = true;
      if (!handedOver.current) track?.stop();
      setMicrophone(null);
    };
  }, [publishMic, micId]);

  // Device labels are only readable once a permission was granted, so list them after a track opened.
  useEffect(() => {
    if (!camera && !microphone) return;
    void navigator.mediaDevices.enumerateDevices().then(setDevices);
  }, [camera, microphone]);

  useEffect(() => {
    if (video.current) video.current.srcObject = camera ? new MediaStream([camera]) : null;
  }, [camera]);

  // Joining before a device finished opening would enter without it; wait until each one opened or failed.
  const failed = (device: Problem['device']) => problems.some((p) => p.device === device);
  const preparing = (publishCamera && !camera && !failed('camera')) || (publishMic && !microphone && !failed('microphone'));
  const cameras = devices.filter((d) => d.kind === 'videoinput');
  const mics = devices.filter((d) => d.kind === 'audioinput');

  const join = () => {
    // A second click can arrive before React re-renders the button disabled: hand the tracks over once.
    if (handedOver.current) return;
    setBusy(true);
    handedOver.current = true;
    if (remember) {
      rememberJoin(
        sessionId,
        { camera: cameraOn, microphone: micOn, listenOnly, skipCheck: skipNextTime },
        { cameraId: camera?.getSettings().deviceId ?? (cameraId || undefined), microphoneId: microphone?.getSettings().deviceId ?? (micId || undefined) },
      );
    }
    onJoin({ camera: publishCamera ? camera : null, microphone: publishMic ? microphone : null, listenOnly });
  };

  return (
    <div className="media-prejoin stack">
      <h3 style={{ margin: 0 }}>{hall ? t('hallTitle') : t('prejoinTitle')}</h3>
      <p className="muted" style={{ margin: 0 }}>
        {hall ? t('hallExplain') : mayPublish ? t('prejoinExplain') : t('watchOnlyExplain')}
      </p>
      {mayPublish && (
        <div className="media-prejoin-grid">
          <div className="media-preview" role="group" aria-label={t('cameraPreview')}>
            {camera ? <video ref={video} autoPlay playsInline muted data-testid="camera-preview" /> : <span className="muted">{t('cameraOffPreview')}</span>}
          </div>
          <div className="stack">
            <label className="row">
              <input type="checkbox" checked={cameraOn} onChange={(e) => setCameraOn(e.target.checked)} disabled={listenOnly} /> {t('joinWithCamera')}
            </label>
            {cameras.length > 0 && (
              <label className="stack" style={{ gap: 4 }}>
                {t('cameraDevice')}
                <select value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
                  <option value="">{t('defaultDevice')}</option>
                  {cameras.map((d, i) => (
                    <option key={d.deviceId || i} value={d.deviceId}>
                      {d.label || t('deviceN', { n: i + 1 })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="row">
              <input type="checkbox" checked={micOn} onChange={(e) => setMicOn(e.target.checked)} /> {t('joinWithMicrophone')}
            </label>
            {mics.length > 0 && (
              <label className="stack" style={{ gap: 4 }}>
                {t('microphoneDevice')}
                <select value={micId} onChange={(e) => setMicId(e.target.value)}>
                  <option value="">{t('defaultDevice')}</option>
                  {mics.map((d, i) => (
                    <option key={d.deviceId || i} value={d.deviceId}>
                      {d.label || t('deviceN', { n: i + 1 })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {microphone && <MicLevel track={microphone} label={t('micLevel')} />}
          </div>
        </div>
      )}
      {!hall && (
        <label className="row">
          <input type="checkbox" checked={listenOnly} onChange={(e) => setListenOnly(e.target.checked)} /> {t('listenOnly')}
          <span className="muted">{t('listenOnlyHint')}</span>
        </label>
      )}
      {remember && (
        <label className="row" style={{ flexWrap: 'nowrap', alignItems: 'flex-start' }}>
          <input type="checkbox" checked={skipNextTime} onChange={(e) => setSkipNextTime(e.target.checked)} /> <span>{t('skipCheckNextTime')}</span>
        </label>
      )}
      {problems.map((p) => (
        <p key={p.device} className="alert error" role="alert">
          {t(`deviceProblem.${p.problem}`, { device: t(`device.${p.device}`) })}
        </p>
      ))}
      <div className="row">
        <button type="button" onClick={join} disabled={busy || preparing}>
          {hall ? t('startHall') : t('join')}
        </button>
        {preparing && (
          <span className="muted" role="status">
            {t('preparingDevices')}
          </span>
        )}
      </div>
    </div>
  );
}

/** A remembered device that is gone (unplugged, an id from another browser profile) falls back to the default one. */
async function openRemembered(open: (id?: string) => Promise<MediaStreamTrack>, id: string): Promise<MediaStreamTrack> {
  try {
    return await open(id || undefined);
  } catch (err) {
    if (!id || !(err instanceof DeviceError) || err.problem !== 'missing') throw err;
    return open();
  }
}
