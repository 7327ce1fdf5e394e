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
  /** Take someone out of the event (their live sockets in it are disconnected at once). */
  'member:remove': ['organizer'],
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
  /** Answer a launched poll (hall phones and online alike). */
  'poll:answer': ['organizer', 'moderator', 'presenter', 'participant'],
  /** Prepare, copy, launch, close, put on the projector; see results before they are public and split by mode and country. */
  'poll:manage': ['organizer', 'moderator'],
  /** The session's engagement (questions and polls) as CSV. */
  'poll:export': ['organizer', 'moderator'],
  /** Create and revoke a session's no-login projector links. */
  'display:manage-links': ['organizer', 'moderator'],
  /** Publish camera, microphone and screen in a webinar (the stage). */
  'media:publish-stage': ['organizer', 'moderator', 'presenter'],
  /** Mute, stop a screen share, remove a person, lock the room, invite to the stage, open screen sharing. */
  'media:moderate': ['organizer', 'moderator'],
  /** Spotlight one person: their tile is large on everyone's stage. */
  'media:spotlight': ['organizer', 'moderator'],
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
  /** Send a floating reaction (online or from a hall phone). */
  'reaction:send': ['organizer', 'moderator', 'presenter', 'participant'],
  /** Enter a session's call and presence without waiting in its lobby when the lobby is on. */
  'lobby:bypass': ['organizer', 'moderator', 'presenter'],
  /** Turn a session's lobby on or off; see who waits; admit or deny. */
  'lobby:manage': ['organizer', 'moderator'],
  /** Raise or lower one's own hand (online or from a hall phone). */
  'hand:raise': ['organizer', 'moderator', 'presenter', 'participant'],
  /** See the raised-hands queue. */
  'hand:view-queue': ['organizer', 'moderator', 'presenter'],
  /** Lower someone's hand, invite them to the stage from the queue. */
  'hand:manage': ['organizer', 'moderator'],
  /** Start, pause, resume and stop recording; choose who may watch a recording; delete one; see every recording. */
  'recording:manage': ['organizer', 'moderator'],
  /** Stream the stage out (RTMP destinations, the watch-only stream) and take the hall mixer's feed in. */
  'stream:manage': ['organizer', 'moderator'],
  /** See who watches the watch-only stream and invite one of them into the interactive call. */
  'watch:promote': ['organizer', 'moderator'],
  /** Set a session's floor and interpretation languages; assign interpreters, captioners and the sign-language interpreter; captions on the projector. */
  'language:manage': ['organizer', 'moderator'],
  /** Choose an interpretation channel, turn captions on (online and on hall phones). Interpreting and captioning need an assignment too (lib/domain/language-access.ts). */
  'language:listen': ['organizer', 'moderator', 'presenter', 'participant'],
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
