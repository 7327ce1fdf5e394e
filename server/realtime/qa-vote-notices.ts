import type { ServerEventPayload } from '../../lib/contracts/realtime';
import type { BalaiServer } from './handler';

type VotesChanged = ServerEventPayload<'qa:votes-changed'>;

/**
 * Vote counts go out coalesced per question: the first change at once, then
 * at most one notice per window with the latest count, so a burst of a
 * thousand votes costs a handful of broadcasts, not a thousand. Only newer
 * revisions are sent, so every recipient sees a question's counts in
 * revision order. A question with no votes moving holds no state here.
 */
export const VOTE_NOTICE_WINDOW_MS = 50;

interface Window {
  sentRev: number;
  latest?: VotesChanged;
  timer: NodeJS.Timeout;
}

const windowsByServer = new WeakMap<BalaiServer, Map<string, Window>>();

export function announceVotes(io: BalaiServer, rooms: string[], payload: VotesChanged): void {
  let windows = windowsByServer.get(io);
  if (!windows) windowsByServer.set(io, (windows = new Map()));
  const open = windows.get(payload.questionId);
  if (open) {
    if (payload.rev > (open.latest?.rev ?? open.sentRev)) open.latest = payload;
    return;
  }
  io.to(rooms).emit('qa:votes-changed', payload);
  const tick = () => {
    const w = windows.get(payload.questionId)!;
    if (w.latest && w.latest.rev > w.sentRev) {
      io.to(rooms).emit('qa:votes-changed', w.latest);
      w.sentRev = w.latest.rev;
      w.latest = undefined;
      w.timer = setTimeout(tick, VOTE_NOTICE_WINDOW_MS).unref();
    } else windows.delete(payload.questionId);
  };
  windows.set(payload.questionId, { sentRev: payload.rev, timer: setTimeout(tick, VOTE_NOTICE_WINDOW_MS).unref() });
}
