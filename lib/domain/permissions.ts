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
