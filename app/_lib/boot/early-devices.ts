import { openCamera, openMicrophone } from '../media/devices';
import { joinPreference, rememberedDevices } from '../media/join-preference';
import { tabState } from '../tab-state';
import type { PrejoinConfig } from './prejoin-config';

/**
 * The device check's camera and microphone, opened by the gate as soon as the page is parsed (issue 10.8),
 * while the boot script is still being fetched and evaluated; the check (boot-prejoin.ts) takes them instead
 * of opening its own. The same devices the check would open at once: the remembered ones, on unless this
 * person turned them off here last time, none for someone who may not publish.
 */
type Kind = 'camera' | 'microphone';
const tab = tabState('early-devices', () => ({ opened: new Map<Kind, { id: string; track: Promise<MediaStreamTrack> }>() }));

export function openEarlyDevices(config: PrejoinConfig): void {
  if (!config.mayPublish) return;
  const choice = joinPreference(config.sessionId);
  const devices = rememberedDevices();
  if ((choice?.camera ?? true) && !choice?.listenOnly) tab.opened.set('camera', { id: devices.cameraId, track: openCamera(devices.cameraId || undefined) });
  if (choice?.microphone ?? true) tab.opened.set('microphone', { id: devices.microphoneId, track: openMicrophone(devices.microphoneId || undefined) });
  // A device that fails is the check's to report, when it takes the attempt.
  for (const [, { track }] of tab.opened) track.catch(() => undefined);
}

/** Turns off what nobody took (the boot script failed to load, or drew no check): the page's own check opens its own. */
export function dropEarlyDevices(): void {
  for (const [kind, { track }] of tab.opened) {
    tab.opened.delete(kind);
    void track.then((t) => t.stop(), () => undefined);
  }
}

/** The track opened early for this device id, once; null when there is none (the check opens its own). */
export function takeEarlyDevice(kind: Kind, id: string): Promise<MediaStreamTrack> | null {
  const opened = tab.opened.get(kind);
  tab.opened.delete(kind);
  if (!opened) return null;
  if (opened.id !== id) {
    void opened.track.then((t) => t.stop(), () => undefined);
    return null;
  }
  return opened.track;
}
