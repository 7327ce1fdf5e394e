import type { MediaGrants, MediaSource } from '../contracts/media';
import { can } from './permissions';
import type { LiveMode, Role } from './roles';

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
