/**
 * What a composed recording or stream shows, decided from the live room's state the way the call's
 * stage decides it: a screen share large with the sharer's (or the speaker's) camera beside it; else
 * the spotlit person, else the active speaker, else the first camera, full frame; a placeholder when
 * nobody sends video; the session's sign-language interpreter in a corner, as viewers have it pinned.
 * Every unpaused sound is mixed. Pure, so the rule is tested without media.
 */

export interface StageStream {
  producerId: string;
  peerId: string;
  kind: 'audio' | 'video';
  source: 'camera' | 'microphone' | 'screen' | 'screen-audio';
  paused: boolean;
  /** The sender's user id (the sign-language interpreter is a user, marked per session). */
  userId?: string;
}

export interface StageState {
  streams: StageStream[];
  activeSpeakerPeerId: string | null;
  spotlightPeerId: string | null;
  /** The session's sign-language interpreter (user id), whose camera viewers see pinned in a corner. */
  signUserId?: string | null;
}

export interface StageLayout {
  /** The large picture, or null for the placeholder. */
  main: string | null;
  /** A small camera beside a screen share. */
  side: string | null;
  /** Sounds mixed together, in a stable order. */
  audio: string[];
  /** The sign-language interpreter's camera, overlaid in a corner (never also main or side). */
  sign: string | null;
}

/** More sounds than this are not mixed (a full room of open microphones is noise anyway). */
export const MAX_MIXED_AUDIO = 8;

export function chooseStageLayout(state: StageState): StageLayout {
  const live = state.streams.filter((s) => !s.paused);
  const signUserId = state.signUserId ?? null;
  const signCamera = signUserId ? live.find((s) => s.source === 'camera' && s.userId === signUserId) : undefined;
  const cameras = live.filter((s) => s.source === 'camera' && s !== signCamera);
  const screens = live.filter((s) => s.source === 'screen');
  const cameraOf = (peerId: string | null) => (peerId ? cameras.find((c) => c.peerId === peerId) : undefined);
  const prefer = [state.spotlightPeerId, state.activeSpeakerPeerId];

  const screen = screens.find((s) => s.peerId === state.spotlightPeerId) ?? screens[0];
  let main: string | null = null;
  let side: string | null = null;
  if (screen) {
    main = screen.producerId;
    side = (cameraOf(screen.peerId) ?? cameraOf(state.spotlightPeerId) ?? cameraOf(state.activeSpeakerPeerId))?.producerId ?? null;
  } else {
    const pick = prefer.map(cameraOf).find(Boolean) ?? cameras[0];
    main = pick?.producerId ?? null;
  }
  const audio = live
    .filter((s) => s.kind === 'audio')
    .map((s) => s.producerId)
    .sort()
    .slice(0, MAX_MIXED_AUDIO);
  return { main, side, audio, sign: signCamera?.producerId ?? null };
}

export const sameLayout = (a: StageLayout, b: StageLayout) =>
  a.main === b.main && a.side === b.side && a.sign === b.sign && a.audio.length === b.audio.length && a.audio.every((id, i) => id === b.audio[i]);
