import type { Role } from './roles';

/**
 * The one permission table. Socket handlers, route handlers and server actions
 * call `can`; the UI calls it only to hide controls. Roles come from the
 * database on every check, never from the client.
 */
export const PERMISSIONS = {
  'event:view': ['organizer', 'moderator', 'presenter', 'participant'],
  'event:edit': ['organizer'],
  'session:join': ['organizer', 'moderator', 'presenter', 'participant'],
  'session:edit': ['organizer'],
  'member:invite': ['organizer'],
  'member:import': ['organizer'],
  'member:change-role': ['organizer'],
  'member:view-roster': ['organizer', 'moderator'],
  /** Invite by list, open or close the registration link, see invitation links. */
  'registration:manage': ['organizer'],
  /** Check people in at the venue (the helper's phone). No separate helper role: helpers are made moderators. */
  'checkin:scan': ['organizer', 'moderator'],
  /** The printable badge sheet with everyone's check-in code. */
  'checkin:badges': ['organizer'],
  /** Everyone's attendance: the live dashboard and the per-participant table. Own attendance needs no permission. */
  'attendance:view-all': ['organizer', 'moderator'],
  'attendance:export': ['organizer'],
  /** Set the certificate threshold and issue certificates. */
  'certificate:issue': ['organizer'],
  /** Ask, vote, edit or withdraw one's own question. */
  'qa:ask': ['organizer', 'moderator', 'presenter', 'participant'],
  /** Approve, reject, edit, merge, star, answer, archive, highlight; change pre/post moderation; see authors of anonymous questions. */
  'qa:moderate': ['organizer', 'moderator'],
  /** The room display and the presenter's read-only list. */
  'qa:display': ['organizer', 'moderator', 'presenter'],
  'qa:export': ['organizer', 'moderator'],
  /** Publish camera, microphone and screen in a webinar (the stage). */
  'media:publish-stage': ['organizer', 'moderator', 'presenter'],
  /** Mute, stop a screen share, remove a person, lock the room, invite to the stage, open screen sharing. */
  'media:moderate': ['organizer', 'moderator'],
  /** Sign in a venue laptop as the hall device of a session (publishes the hall's camera and sound). */
  'media:hall-device': ['organizer', 'moderator'],
  'chat:post': ['organizer', 'moderator', 'presenter', 'participant'],
  'chat:moderate': ['organizer', 'moderator'],
  /** Open, close, move, broadcast, extend, visit; see the control room and the help queue; prepare cohorts. */
  'breakout:manage': ['organizer', 'moderator'],
  /** Be placed in a breakout room, choose one in self-select, ask for help, chat and write notes there. */
  'breakout:take-part': ['organizer', 'moderator', 'presenter', 'participant'],
  /** Draft one's own action plan, share it, read the plans shared with one (the plan rules check owner and shares). */
  'plan:write-own': ['organizer', 'moderator', 'presenter', 'participant'],
  /** Facilitators: read and comment on every plan shared with the facilitators. */
  'plan:facilitate': ['organizer', 'moderator'],
  /** Completion by country; read and download every plan of the event, shared or not. */
  'plan:view-all': ['organizer'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** An actor is a person's role in one event, or null when they are not a member. */
export interface Actor {
  role: Role | null;
}

export function can(actor: Actor, action: Action): boolean {
  if (actor.role === null) return false;
  return (PERMISSIONS[action] as readonly Role[]).includes(actor.role);
}
