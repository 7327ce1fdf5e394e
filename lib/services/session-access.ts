import { lobbyEnabled, lobbyEntry } from '../db/queries/engage';
import { can } from '../domain/permissions';
import { DomainError } from '../errors';
import type { Role } from '../domain/roles';

/**
 * The lobby gate into a session's presence and call, for a caller whose
 * `session:join` the realtime pipeline already checked (its declaration: scope
 * session, action session:join, refused as "not a member"): while the lobby is
 * on, whoever may not bypass it must have been admitted. Presence and media
 * both enter through here, so the lobby cannot be walked around by joining the
 * other way.
 */
export async function requirePastLobby(sessionId: string, userId: string, role: Role | null): Promise<void> {
  if (!can({ role }, 'lobby:bypass') && (await lobbyEnabled(sessionId))) {
    const entry = await lobbyEntry(sessionId, userId);
    if (entry?.status === 'denied') throw new DomainError('forbidden', 'engage.lobbyDenied');
    if (entry?.status !== 'admitted') throw new DomainError('forbidden', 'engage.lobbyWaiting');
  }
}
