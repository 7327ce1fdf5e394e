import { activeRun, findRoom } from '../../lib/db/queries/breakouts';
import { interpreterBreakoutRoom } from '../../lib/db/queries/interpretation';
import { liveKeyOf } from '../../lib/services/breakouts';
import { registerLiveRoomResolver } from '../sfu/rooms';

/**
 * Interpreters in breakout rooms: an interpreter the moderator put in a
 * breakout room of the running breakouts has their media there (and interprets
 * into that room's channels); otherwise the other resolvers decide (the main
 * room). Registered after the breakout resolver, so it is asked first.
 */
export async function resolveInterpreterRoom(userId: string, sessionId: string) {
  const roomId = await interpreterBreakoutRoom(sessionId, userId);
  if (!roomId) return null;
  const [found, run] = await Promise.all([findRoom(roomId), activeRun(sessionId)]);
  if (!found || !run || found.run.id !== run.id) return null;
  return { key: liveKeyOf(roomId), open: true };
}

/** The breakout room exists in this session's running breakouts (assignments into old runs are refused). */
export async function isOpenBreakoutRoomOf(sessionId: string, roomId: string): Promise<boolean> {
  const [found, run] = await Promise.all([findRoom(roomId), activeRun(sessionId)]);
  return !!found && !!run && found.run.id === run.id && found.run.sessionId === sessionId;
}

let unregister: (() => void) | undefined;
export function startBreakoutInterpreters(): void {
  unregister?.();
  unregister = registerLiveRoomResolver(resolveInterpreterRoom);
}
export function stopBreakoutInterpreters(): void {
  unregister?.();
  unregister = undefined;
}
