import { lobbyEnabled, lobbyEntry } from '../db/queries/engage';
import { can } from '../domain/permissions';
import type { Role } from '../domain/roles';

/**
 * Whether the lobby lets this person straight in, read when the session page renders (issue 10.8: the
 * page must not wait for a socket round trip before showing the stage). Read-only: entering the
 * lobby (a waiting row, the moderators told) stays with `lobby:join`, which the page still sends.
 */
export async function lobbyLetsIn(sessionId: string, userId: string, role: Role): Promise<boolean> {
  if (can({ role }, 'lobby:bypass') || !(await lobbyEnabled(sessionId))) return true;
  return (await lobbyEntry(sessionId, userId))?.status === 'admitted';
}
