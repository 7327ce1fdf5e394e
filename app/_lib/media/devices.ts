'use client';

/** Why a camera, microphone or screen could not be opened, in terms a person can act on. */
export type DeviceProblem = 'denied' | 'missing' | 'busy' | 'other';

export function deviceProblem(err: unknown): DeviceProblem {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'other';
  }
}

export class DeviceError extends Error {
  constructor(
    readonly problem: DeviceProblem,
    readonly device: 'camera' | 'microphone' | 'screen',
  ) {
    super(`${device}: ${problem}`);
    this.name = 'DeviceError';
  }
}

/** Echo cancellation stays on everywhere, the hall device included (its loudspeakers feed its microphone). */
export const AUDIO_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
export const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

export async function openMicrophone(deviceId?: string): Promise<MediaStreamTrack> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { ...AUDIO_CONSTRAINTS, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) } });
    return stream.getAudioTracks()[0]!;
  } catch (err) {
    throw new DeviceError(deviceProblem(err), 'microphone');
  }
}

export async function openCamera(deviceId?: string): Promise<MediaStreamTrack> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { ...VIDEO_CONSTRAINTS, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) } });
    return stream.getVideoTracks()[0]!;
  } catch (err) {
    throw new DeviceError(deviceProblem(err), 'camera');
  }
}

/** The screen (and the tab's sound where the browser offers it). */
export async function openScreen(): Promise<{ video: MediaStreamTrack; audio: MediaStreamTrack | null }> {
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: true });
    const video = stream.getVideoTracks()[0]!;
    // Slides and code: keep text sharp rather than motion smooth.
    video.contentHint = 'detail';
    return { video, audio: stream.getAudioTracks()[0] ?? null };
  } catch (err) {
    throw new DeviceError(deviceProblem(err), 'screen');
  }
}

/** The simulcast layer worth receiving for a tile this wide (CSS pixels). */
export function layerForWidth(width: number): 0 | 1 | 2 {
  const px = width * (typeof devicePixelRatio === 'number' ? Math.min(devicePixelRatio, 2) : 1);
  if (px < 360) return 0;
  if (px < 800) return 1;
  return 2;
}
