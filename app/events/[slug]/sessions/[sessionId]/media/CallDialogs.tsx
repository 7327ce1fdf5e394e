'use client';
import { rememberDevice } from '@/app/_lib/media/join-preference';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';
import type { Shortcut } from './call-layout';
import { canChooseSpeaker } from './Tiles';

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert (the focus
 * stays inside) and Escape closes it; focus goes back to what opened it.
 */
function Modal({ title, onClose, children }: { title: string; onClose(): void; children: React.ReactNode }) {
  const t = useTranslations('media.call');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className="call-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id={titleId} style={{ margin: 0 }}>
          {title}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** Shortcut keys as people read them. */
const keyLabel = (key: string) => (key.length === 1 ? key.toUpperCase() : key === 'Escape' ? 'Esc' : key);

export function ShortcutsDialog({ shortcuts, onClose }: { shortcuts: ReadonlyMap<string, Shortcut>; onClose(): void }) {
  const t = useTranslations('media.call');
  const rows = [...shortcuts.values()].map((s) => ({ key: s.key, label: s.label }));
  rows.push({ key: 'Escape', label: t('shortcut.escape') });
  return (
    <Modal title={t('shortcutsTitle')} onClose={onClose}>
      <dl className="call-shortcuts">
        {rows.map((r) => (
          <div key={r.key}>
            <dt>
              <kbd>{keyLabel(r.key)}</kbd>
            </dt>
            <dd>{r.label}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}

interface SettingsProps {
  client: RoomClient;
  state: RoomState;
  sinkId: string;
  onSinkId(id: string): void;
  onClose(): void;
}

/** Camera, microphone and speaker, switched during the call (the camera and microphone by replaceTrack). */
export function SettingsDialog({ client, state, sinkId, onSinkId, onClose }: SettingsProps) {
  const t = useTranslations('media');
  const tc = useTranslations('media.call');
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const load = () =>
      navigator.mediaDevices.enumerateDevices().then(setDevices, (err: unknown) => console.warn('[media] could not list devices', err));
    void load();
    navigator.mediaDevices.addEventListener('devicechange', load);
    return () => navigator.mediaDevices.removeEventListener('devicechange', load);
  }, []);
  const current = (track: MediaStreamTrack | null) => track?.getSettings().deviceId ?? '';
  // The device chosen mid-call is the one the next join opens (join-preference.ts).
  const switchTo = async (kind: 'camera' | 'microphone', deviceId: string) => {
    await client.switchDevice(kind, deviceId);
    if (current(kind === 'camera' ? client.state.camera.track : client.state.microphone.track) === deviceId) rememberDevice(kind, deviceId);
  };
  const list = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind && d.deviceId);
  const name = (d: MediaDeviceInfo, i: number) => d.label || t('deviceN', { n: i + 1 });

  return (
    <Modal title={tc('settingsTitle')} onClose={onClose}>
      <div className="stack">
        {state.grants.camera && state.camera.track && (
          <label className="stack" style={{ gap: 4 }}>
            {t('cameraDevice')}
            <select value={current(state.camera.track)} onChange={(e) => void switchTo('camera', e.target.value)}>
              {list('videoinput').map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {name(d, i)}
                </option>
              ))}
            </select>
          </label>
        )}
        {state.grants.microphone && state.microphone.track && (
          <label className="stack" style={{ gap: 4 }}>
            {t('microphoneDevice')}
            <select value={current(state.microphone.track)} onChange={(e) => void switchTo('microphone', e.target.value)}>
              {list('audioinput').map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {name(d, i)}
                </option>
              ))}
            </select>
          </label>
        )}
        {canChooseSpeaker() ? (
          <label className="stack" style={{ gap: 4 }}>
            {tc('speakerDevice')}
            <select value={sinkId} onChange={(e) => onSinkId(e.target.value)}>
              <option value="">{tc('systemDefault')}</option>
              {list('audiooutput')
                .filter((d) => d.deviceId !== 'default')
                .map((d, i) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {name(d, i)}
                  </option>
                ))}
            </select>
          </label>
        ) : (
          <p className="muted">{tc('speakerUnsupported')}</p>
        )}
      </div>
    </Modal>
  );
}
