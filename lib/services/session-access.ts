import { findMembership, findSession } from '../db/queries/programme';
import { lobbyEnabled, lobbyEntry } from '../db/queries/engage';
import { can, type Action } from '../domain/permissions';
import { DomainError, forbidden, notFound } from '../errors';
import type { Role } from '../domain/roles';

export type SessionFound = NonNullable<Awaited<ReturnType<typeof findSession>>>;
export type Member = NonNullable<Awaited<ReturnType<typeof findMembership>>>;

/** The caller in one session, resolved once: the session, their membership and role. */
export async function sessionActor(sessionId: string, userId: string): Promise<{ found: SessionFound; member: Member | undefined; role: Role | null }> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  const member = await findMembership(found.event.id, userId);
  return { found, member, role: member?.role ?? null };
}

/** `sessionActor` plus a permission check: a non-member or a role without `action` is refused. */
export async function requireSessionAction(sessionId: string, userId: string, action: Action) {
  const actor = await sessionActor(sessionId, userId);
  if (!actor.member) throw forbidden('general.notMember');
  if (!can({ role: actor.role }, action)) throw forbidden();
  return { ...actor, member: actor.member };
}

/**
 * The one gate into a session's presence and call: a member with `session:join`
 * who, while the session's lobby is on, either may bypass it (staff) or was
 * admitted. Presence and media both join through here, so the lobby cannot be
 * walked around by joining the other way.
 */
export async function requireSessionEntry(sessionId: string, userId: string) {
  const actor = await sessionActor(sessionId, userId);
  if (!actor.member || !can({ role: actor.role }, 'session:join')) throw forbidden('general.notMember');
  await requirePastLobby(sessionId, userId, actor.role);
  return { ...actor, member: actor.member };
}

/**
 * The lobby half of the gate, for a caller whose `session:join` the realtime
 * pipeline already checked (its declaration: scope session, action
 * session:join, refused as "not a member").
 */
export async function requirePastLobby(sessionId: string, userId: string, role: Role | null): Promise<void> {
  if (!can({ role }, 'lobby:bypass') && (await lobbyEnabled(sessionId))) {
    const entry = await lobbyEntry(sessionId, userId);
    if (entry?.status === 'denied') throw new DomainError('forbidden', 'engage.lobbyDenied');
    if (entry?.status !== 'admitted') throw new DomainError('forbidden', 'engage.lobbyWaiting');
  }
}
