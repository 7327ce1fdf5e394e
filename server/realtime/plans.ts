import { rooms } from '../../lib/realtime/rooms';
import type { PlanCommentView } from '../../lib/contracts/plans';
import { DomainError, forbidden } from '../../lib/errors';
import { addComment, currentReaders, listCommentViews, readablePlan } from '../../lib/services/plans';
import { handle, type BalaiServer } from './handler';
import { socketsEverywhere } from './cluster-sockets';


/**
 * The pages answer `not_found` to a plan the caller may not read, so they never
 * hint that it exists. Over the socket the answer is `forbidden` for both an
 * unreadable and a missing plan: still no hint, and the client can tell "not for
 * you" from a broken request.
 */
async function asReader<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw forbidden('plans.cannotRead');
    throw err;
  }
}

/**
 * Sends a committed comment to the plan's room. Access is re-checked here, at
 * emit time, from the database for every watching person: a share revoked (or a
 * role or cohort changed) after someone started watching must stop their notices
 * at once, whichever path changed it (server action, another process, SQL). Those
 * who lost access are taken out of the room, and the notice goes only to the
 * socket ids that passed the check, so nothing depends on the leave reaching
 * another process before the emit. fetchSockets/leave/to(ids) go through the
 * adapter, so this holds with several processes (REDIS_URL).
 */
export async function announceComment(io: BalaiServer, comment: PlanCommentView): Promise<void> {
  const room = rooms.plan(comment.planId);
  const sockets = await socketsEverywhere(io, room);
  if (sockets.length === 0) return;
  const readers = await currentReaders(
    comment.planId,
    sockets.map((s) => s.data.userId),
  );
  const allowed: string[] = [];
  for (const s of sockets) {
    if (readers.has(s.data.userId)) allowed.push(s.id);
    else s.leave(room);
  }
  if (allowed.length) io.to(allowed).emit('plan:commented', comment);
}

// Join before listing: a comment committed after the list was read is announced to this socket,
// one committed before is in the list; the client merges both by id.
/** Plans are read by members with plan:write-own; the plan rules (owner, shares, cohorts) decide the rest. */
const cannotRead = () => forbidden('plans.cannotRead');
const reader = { scope: 'plan', action: 'plan:write-own', missing: cannotRead, nonMember: cannotRead, denied: cannotRead } as const;

handle('plan:watch', reader, async (caller, { planId }) => {
  const { socket, actor } = caller;
  await asReader(() => readablePlan(caller.userId, planId, actor.role));
  await socket.join(rooms.plan(planId));
  try {
    return { planId, comments: await asReader(() => listCommentViews(caller.userId, planId, actor.role)) };
  } catch (err) {
    // Access revoked in between: no room without the right to read.
    await socket.leave(rooms.plan(planId));
    throw err;
  }
});

handle('plan:unwatch', { scope: 'self' }, async ({ socket }, { planId }) => {
  await socket.leave(rooms.plan(planId));
  return {};
});

// The insert has committed when addComment returns; only then is the comment announced. A retry (same id)
// announces it again, in case the first announcement was lost with the first answer; clients dedupe by id.
handle('plan:comment', reader, async (caller, payload) => {
  const { io } = caller;
  const comment = await asReader(() => addComment(caller.userId, payload, caller.actor.role));
  void announceComment(io, comment).catch((err: unknown) => console.error('[plans] comment announcement failed', err));
  return comment;
});
