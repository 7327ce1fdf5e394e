/**
 * Lets code that runs inside Next.js (server actions, next-auth callbacks)
 * change what live sockets may do, in every process: the Socket.IO server
 * registers the enforcer at start-up (server/realtime/access.ts) and its
 * adapter reaches sockets on other processes. Without a Socket.IO server (a
 * script) there is nothing live to change; the interval re-check of every
 * socket's session is the backstop either way.
 */
export interface LiveAccess {
  /** Disconnects the sockets of these signed-in sessions. */
  endSessions(sessionTokens: string[]): Promise<void>;
  /** Disconnects every socket of the user, but those of `except` (the session that asked). */
  endUserSessions(userId: string, except?: string): Promise<void>;
  /** A member's role changed or they were removed: their sockets leave what they may no longer see. */
  memberChanged(eventId: string, userId: string): Promise<void>;
  /**
   * These people's role, membership, attendance mode or country changed: the
   * actors cached on their sockets (server/realtime/pipeline.ts) are dropped in
   * every process, so their next request reads the database.
   */
  actorsChanged(userIds: string[]): Promise<void>;
}

const KEY = Symbol.for('balai.live-access');
const holder = globalThis as { [KEY]?: LiveAccess };

export function setLiveAccess(access: LiveAccess | undefined): void {
  holder[KEY] = access;
}

export function liveAccess(): LiveAccess | undefined {
  return holder[KEY];
}
