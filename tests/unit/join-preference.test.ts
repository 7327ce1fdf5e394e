import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinPreference, rememberDevice, rememberedDevices, rememberJoin } from '../../app/_lib/media/join-preference';

/** A Storage stand-in: the module only uses getItem and setItem. */
function fakeStorage(initial: Record<string, string> = {}, { full = false } = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
    },
    data,
  };
}

const g = globalThis as unknown as { localStorage?: unknown };
let saved: unknown;
beforeEach(() => {
  saved = g.localStorage;
});
afterEach(() => {
  g.localStorage = saved;
});

const S1 = '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11';
const S2 = '0b7e9a52-3c1d-4f7a-9d2e-5a6b7c8d9e0f';

describe('join preference (skip the device check next time)', () => {
  it('knows nothing on a first visit', () => {
    g.localStorage = fakeStorage();
    expect(joinPreference(S1)).toBeNull();
    expect(rememberedDevices()).toEqual({ cameraId: '', microphoneId: '' });
  });

  it('remembers the choice per session and the devices for all sessions', () => {
    g.localStorage = fakeStorage();
    rememberJoin(S1, { camera: true, microphone: false, listenOnly: false, skipCheck: true }, { cameraId: 'cam-2', microphoneId: 'mic-1' });
    expect(joinPreference(S1)).toEqual({ camera: true, microphone: false, listenOnly: false, skipCheck: true });
    expect(joinPreference(S2)).toBeNull();
    expect(rememberedDevices()).toEqual({ cameraId: 'cam-2', microphoneId: 'mic-1' });
    // A device left undefined keeps the remembered one; a device chosen in the call replaces it.
    rememberJoin(S2, { camera: false, microphone: true, listenOnly: true, skipCheck: false }, { cameraId: undefined, microphoneId: 'mic-3' });
    expect(rememberedDevices()).toEqual({ cameraId: 'cam-2', microphoneId: 'mic-3' });
    rememberDevice('camera', 'cam-9');
    expect(rememberedDevices()).toEqual({ cameraId: 'cam-9', microphoneId: 'mic-3' });
    expect(joinPreference(S2)).toEqual({ camera: false, microphone: true, listenOnly: true, skipCheck: false });
  });

  it('keeps the last 30 sessions only', () => {
    g.localStorage = fakeStorage();
    const ids = Array.from({ length: 31 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) rememberJoin(id, { camera: true, microphone: true, listenOnly: false, skipCheck: true }, {});
    expect(joinPreference(ids[0]!)).toBeNull();
    expect(joinPreference(ids[30]!)?.skipCheck).toBe(true);
    expect(joinPreference(ids[1]!)?.skipCheck).toBe(true);
  });

  it.each([
    ['garbage', 'not json'],
    ['a wrong shape', JSON.stringify({ devices: 3, sessions: [{ sessionId: S1, camera: 'yes' }] })],
  ])('treats %s in storage as a first visit', (_what, raw) => {
    g.localStorage = fakeStorage({ 'balai:join': raw });
    expect(joinPreference(S1)).toBeNull();
    expect(rememberedDevices()).toEqual({ cameraId: '', microphoneId: '' });
  });

  it('survives storage that refuses to store (full or blocked): the next join shows the check', () => {
    g.localStorage = fakeStorage({}, { full: true });
    expect(() => rememberJoin(S1, { camera: true, microphone: true, listenOnly: false, skipCheck: true }, {})).not.toThrow();
    expect(joinPreference(S1)).toBeNull();
    g.localStorage = undefined;
    expect(joinPreference(S1)).toBeNull();
  });
});
