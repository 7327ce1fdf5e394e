'use client';
import { realtime } from '../realtime-client';
import { DeviceError, openCamera, openMicrophone } from './devices';
import { joinPreference, rememberedDevices, type JoinPreference } from './join-preference';
import { preloadDevice } from './media-transports';
import { RoomClient } from './room-client';
import { tabState } from '../tab-state';

/**
 * The join of a person who asked to skip the device check in this session (issue 10.8), started
 * before the page has rendered: the call's boot script (app/_lib/boot/call-boot.ts) calls `startEarlyJoin`
 * before Next.js runs (instrumentation-client.ts does without a boot build), so the socket, mediasoup-client,
 * the remembered camera and microphone and the media join (router capabilities, receiving transport, remote
 * streams) all run first. The boot's own device check joins the same way (`startChosenJoin`). The stage
 * adopts it when it mounts (`takeEarlyJoin`) and only then publishes, once the page's server-side
 * answer (may this person publish, is this a hall phone) is known; the server checks everything anyway.
 */
export interface EarlyJoin {
  sessionId: string;
  client: RoomClient;
  preference: JoinPreference;
  /** The remembered devices, opened; a device that failed is null and its problem is listed. */
  tracks: Promise<OpenedTracks>;
}

export interface OpenedTracks {
  camera: MediaStreamTrack | null;
  microphone: MediaStreamTrack | null;
  problems: DeviceError[];
}

// Per tab, not per module: the call's boot script starts the join and the page's stage adopts it, each from
// its own copy of this module (tab-state.ts).
// `prejoin`: the sessions whose device check the boot script has on screen (boot-prejoin.ts); the stage then shows
// none of its own and waits for that check's join (`onEarlyJoin`).
const tab = tabState('early-join', () => ({
  pending: null as EarlyJoin | null,
  adopted: new WeakSet<EarlyJoin>(),
  prejoin: new Set<string>(),
  listeners: new Set<() => void>(),
}));

const changed = () => {
  for (const l of tab.listeners) l();
};

/** The boot script's device check is on screen for this session (or no longer is). */
export function setBootPrejoin(sessionId: string, showing: boolean): void {
  if (showing) tab.prejoin.add(sessionId);
  else tab.prejoin.delete(sessionId);
  changed();
}

export const bootPrejoinShowing = (sessionId: string): boolean => tab.prejoin.has(sessionId);

/** Called when an early join starts or the boot's device check goes away; returns the unsubscribe. */
export function onEarlyJoin(listener: () => void): () => void {
  tab.listeners.add(listener);
  return () => tab.listeners.delete(listener);
}

/** Everyone on a session page needs the connection soon (presence, Q&A, the call): open it now, in parallel with rendering. */
function warmUp(): void {
  realtime();
}

/** Starts the join when this browser remembers "skip the check" for the session; otherwise only warms up. Idempotent. */
export function startEarlyJoin(sessionId: string): EarlyJoin | null {
  warmUp();
  if (tab.pending?.sessionId === sessionId) return tab.pending;
  const preference = joinPreference(sessionId);
  if (!preference?.skipCheck) return null;
  // For bench/join-time: when the skipped join began.
  performance.mark('balai:early-join');
  return begin(sessionId, preference, openRemembered(preference));
}

/** The join of the boot script's device check (boot-prejoin.ts), with the tracks the person chose there. */
export function startChosenJoin(sessionId: string, choice: { camera: MediaStreamTrack | null; microphone: MediaStreamTrack | null; listenOnly: boolean }): EarlyJoin {
  const preference: JoinPreference = { camera: !!choice.camera, microphone: !!choice.microphone, listenOnly: choice.listenOnly, skipCheck: false };
  return begin(sessionId, preference, Promise.resolve({ camera: choice.camera, microphone: choice.microphone, problems: [] }));
}

function begin(sessionId: string, preference: JoinPreference, tracks: Promise<OpenedTracks>): EarlyJoin {
  // Another session's early join nobody took (an in-app navigation away before its stage mounted).
  if (tab.pending) discard(tab.pending);
  preloadDevice();
  const client = new RoomClient({ sessionId, hall: false });
  // Publishing waits for the stage (adopt), receiving starts now.
  void client.join({ listenOnly: preference.listenOnly }, { holdPublishing: true });
  const early: EarlyJoin = { sessionId, client, preference, tracks };
  tab.pending = early;
  // Kept (so a second render of the same stage finds the same join) until it ends. Refused (lobby, removed,
  // locked…) means nothing adopts it: the camera must not stay on.
  const unsubscribe = client.subscribe(() => {
    const status = client.state.status.kind;
    if (status !== 'error' && status !== 'left' && status !== 'removed') return;
    unsubscribe();
    if (tab.pending === early) tab.pending = null;
    if (status === 'error' && !tab.adopted.has(early)) discard(early);
  });
  changed();
  return early;
}

/** The early join of this session, for the stage that adopts it: from then on it owns the client and the tracks. */
export function takeEarlyJoin(sessionId: string): EarlyJoin | null {
  const { pending } = tab;
  const early = pending?.sessionId === sessionId && pending.client.state.status.kind !== 'error' ? pending : null;
  if (early) tab.adopted.add(early);
  return early;
}

/** Drops an early join nobody will use: leaves the room and turns the devices off. */
export function discard(early: EarlyJoin | null): void {
  if (!early) return;
  void early.client.leave();
  void early.tracks.then(({ camera, microphone }) => {
    camera?.stop();
    microphone?.stop();
  });
}

async function openRemembered(preference: JoinPreference): Promise<OpenedTracks> {
  const devices = rememberedDevices();
  const problems: DeviceError[] = [];
  // A remembered device that is gone (unplugged, another machine's id) falls back to the default one.
  const open = async (kind: 'camera' | 'microphone', id: string) => {
    const opener = kind === 'camera' ? openCamera : openMicrophone;
    try {
      return await opener(id || undefined);
    } catch (err) {
      if (id && err instanceof DeviceError && err.problem === 'missing') {
        try {
          return await opener();
        } catch (again) {
          if (again instanceof DeviceError) problems.push(again);
          return null;
        }
      }
      if (err instanceof DeviceError) problems.push(err);
      return null;
    }
  };
  const [camera, microphone] = await Promise.all([
    preference.camera && !preference.listenOnly ? open('camera', devices.cameraId) : null,
    preference.microphone ? open('microphone', devices.microphoneId) : null,
  ]);
  return { camera, microphone, problems };
}
