import type { MediaGrants, MediaSource } from '../contracts/media';
import { can } from './permissions';
import type { AttendanceMode, LiveMode, Role } from './roles';

/** Everything that decides whether someone may publish in a live room, read fresh from the database. */
export interface PublishContext {
  role: Role | null;
  /** The session's live mode; rooms opened for everyone (breakouts) count as meetings. */
  liveMode: LiveMode;
  /** A moderator invited this person to the stage. */
  invitedToStage: boolean;
  /** This socket is the hall device (the venue laptop). */
  hall: boolean;
  /** A moderator allowed screen sharing for everyone. */
  screenShareOpen: boolean;
}

export function onStage(ctx: PublishContext): boolean {
  return can({ role: ctx.role }, 'media:publish-stage') || ctx.invitedToStage || ctx.hall;
}

/** The publish rules of issue 3: webinar → the stage only; meeting → everyone cam/mic; screen → stage unless opened. */
export function mayPublish(ctx: PublishContext, source: MediaSource): boolean {
  if (ctx.role === null) return false;
  const stage = onStage(ctx);
  switch (source) {
    case 'camera':
    case 'microphone':
      return stage || ctx.liveMode === 'meeting';
    case 'screen':
    case 'screen-audio':
      return stage || ctx.screenShareOpen;
  }
}

export function grantsFor(ctx: PublishContext): MediaGrants {
  return {
    camera: mayPublish(ctx, 'camera'),
    microphone: mayPublish(ctx, 'microphone'),
    screen: mayPublish(ctx, 'screen'),
    moderate: can({ role: ctx.role }, 'media:moderate'),
  };
}

/**
 * A person's own device in the hall (an in-person participant, or a guest who
 * joined with the event code) starts with camera and microphone off: the hall
 * hears the room through its own sound, and a phone's microphone next to the
 * speakers echoes. Listen-only and the Q&A come first; the microphone is one
 * deliberate tap behind an echo warning. The venue's hall device is not this,
 * nor staff and presenters, who run the session from their own laptops.
 */
export function listensFirst(person: { role: Role; attendanceMode: AttendanceMode; isGuest: boolean }): boolean {
  return person.role === 'participant' && (person.isGuest || person.attendanceMode === 'in_person');
}
