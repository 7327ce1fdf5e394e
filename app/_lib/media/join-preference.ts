'use client';

/**
 * What a person chose on the pre-join step, remembered in this browser (localStorage) so the next
 * join can skip the device check (issue 10.8, as Meet does): the devices are kept for every session
 * (they prefill a first join elsewhere), the on/off choice and "skip the check next time" per session.
 * Only a convenience: the server decides who may publish, whatever is remembered here.
 */
export interface JoinPreference {
  camera: boolean;
  microphone: boolean;
  listenOnly: boolean;
  /** Go straight into this session's call next time, with these choices. */
  skipCheck: boolean;
}

export interface RememberedDevices {
  cameraId: string;
  microphoneId: string;
}

const KEY = 'balai:join';
/** Sessions remembered; the oldest ones are forgotten first. */
const MAX_SESSIONS = 30;

interface Stored {
  devices: RememberedDevices;
  sessions: Array<JoinPreference & { sessionId: string }>;
}

function load(): Stored {
  const empty: Stored = { devices: { cameraId: '', microphoneId: '' }, sessions: [] };
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    if (!raw) return empty;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    const devices = parsed.devices;
    return {
      devices: {
        cameraId: typeof devices?.cameraId === 'string' ? devices.cameraId : '',
        microphoneId: typeof devices?.microphoneId === 'string' ? devices.microphoneId : '',
      },
      sessions: Array.isArray(parsed.sessions)
        ? parsed.sessions.filter(
            (s): s is Stored['sessions'][number] =>
              typeof s?.sessionId === 'string' && typeof s.camera === 'boolean' && typeof s.microphone === 'boolean' && typeof s.listenOnly === 'boolean' && typeof s.skipCheck === 'boolean',
          )
        : [],
    };
  } catch {
    // Storage blocked (private mode, policy) or garbage in it: behave as a first visit.
    return empty;
  }
}

function save(stored: Stored): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Storage full or blocked: the next join shows the device check, which is the safe default.
  }
}

export function rememberedDevices(): RememberedDevices {
  return load().devices;
}

export function joinPreference(sessionId: string): JoinPreference | null {
  const found = load().sessions.find((s) => s.sessionId === sessionId);
  if (!found) return null;
  return { camera: found.camera, microphone: found.microphone, listenOnly: found.listenOnly, skipCheck: found.skipCheck };
}

export function rememberJoin(sessionId: string, choice: JoinPreference, devices: Partial<RememberedDevices>): void {
  const stored = load();
  stored.devices = { ...stored.devices, ...Object.fromEntries(Object.entries(devices).filter(([, v]) => v !== undefined)) };
  stored.sessions = [{ sessionId, ...choice }, ...stored.sessions.filter((s) => s.sessionId !== sessionId)].slice(0, MAX_SESSIONS);
  save(stored);
}

/** A device chosen during the call becomes the one the next join opens. */
export function rememberDevice(kind: 'camera' | 'microphone', deviceId: string): void {
  const stored = load();
  stored.devices = { ...stored.devices, [kind === 'camera' ? 'cameraId' : 'microphoneId']: deviceId };
  save(stored);
}
