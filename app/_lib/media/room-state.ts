'use client';
import type { MediaGrants, MediaPeer, RemoteProducer, RoomSettings } from '@/lib/contracts/media';
import type { DeviceProblem } from './devices';

/** What the stage renders: immutable snapshots published by RoomClient. */
export type RoomStatus =
  | { kind: 'idle' }
  | { kind: 'joining' }
  | { kind: 'joined' }
  | { kind: 'reconnecting' }
  | { kind: 'left' }
  | { kind: 'removed' }
  | { kind: 'error'; message: string | null };

export interface RemoteStream extends RemoteProducer {
  consumerId: string | null;
  track: MediaStreamTrack | null;
}

export interface LocalMedia {
  track: MediaStreamTrack | null;
  /** Sending (a producer exists). */
  live: boolean;
  muted: boolean;
}

export type RoomNotice =
  | { kind: 'muted-by-moderator' }
  | { kind: 'screen-stopped-by-moderator' }
  | { kind: 'permission-lost' }
  | { kind: 'refused'; message: string | null }
  | { kind: 'device'; device: 'camera' | 'microphone' | 'screen'; problem: DeviceProblem }
  | { kind: 'moved'; roomKey: string | null };

export interface RoomState {
  status: RoomStatus;
  roomKey: string | null;
  peerId: string | null;
  peers: MediaPeer[];
  streams: RemoteStream[];
  grants: MediaGrants;
  settings: RoomSettings;
  activeSpeakerPeerId: string | null;
  /** A moderator put this peer large on everyone's stage. */
  spotlightPeerId: string | null;
  camera: LocalMedia;
  microphone: LocalMedia;
  screen: LocalMedia;
  handRaised: boolean;
  listenOnly: boolean;
  notice: (RoomNotice & { id: number }) | null;
}

export const NO_MEDIA: LocalMedia = { track: null, live: false, muted: false };
export const NO_GRANTS: MediaGrants = { camera: false, microphone: false, screen: false, moderate: false };


export function initialRoomState(): RoomState {
  return {
    status: { kind: 'idle' },
    roomKey: null,
    peerId: null,
    peers: [],
    streams: [],
    grants: NO_GRANTS,
    settings: { locked: false, screenShareOpen: false, breakoutMicOn: false },
    activeSpeakerPeerId: null,
    spotlightPeerId: null,
    camera: NO_MEDIA,
    microphone: NO_MEDIA,
    screen: NO_MEDIA,
    handRaised: false,
    listenOnly: false,
    notice: null,
  };
}
