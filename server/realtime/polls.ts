import { rooms } from '../../lib/realtime/rooms';
import { intern } from '../../lib/realtime/intern';
import { findPoll } from '../../lib/db/queries/polls';
import { rolesInSession } from '../../lib/db/queries/qa';
import { can } from '../../lib/domain/permissions';
import type { Role } from '../../lib/domain/roles';
import { pollDeadline, viewPoll, viewResults, type PollAudience, type PollRecord } from '../../lib/domain/poll-visibility';
import * as polls from '../../lib/services/polls';
import { makeDisplayLink, revokeLink, sessionLinks } from '../../lib/services/display-links';
import { forbidden } from '../../lib/errors';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { actorAt } from './pipeline';
import { ResultCoalescer } from './poll-results';
import { socketsEverywhere } from './cluster-sockets';

/**
 * Poll rooms per session, one per audience (see lib/domain/poll-visibility):
 * each payload is built once per audience, and a participant's socket never
 * receives the moderators' version (drafts, quiz answers, splits).
 */

/** Results are sent at most once per poll in this interval, however many answers arrive. */
export const RESULTS_INTERVAL_MS = 75;

/** Roles change during a live session: anyone no longer a moderator leaves the staff room before staff data is sent. */
async function recheckStaffRoom(io: BalaiServer, sessionId: string): Promise<void> {
  const sockets = await socketsEverywhere(io, rooms.polls.staff(sessionId));
  if (!sockets.length) return;
  const roles = await rolesInSession(sessionId, [...new Set(sockets.map((s) => s.data.userId))]);
  for (const s of sockets) {
    const role = roles.get(s.data.userId);
    if (role && can({ role: role as Role }, 'poll:manage')) continue;
    s.leave(rooms.polls.staff(sessionId));
    if (role) s.join(rooms.polls.audience(sessionId));
  }
}

const AUDIENCES: PollAudience[] = ['staff', 'audience', 'display'];

function announcePoll(io: BalaiServer, p: PollRecord, before: PollRecord | undefined, removed = false): void {
  for (const audience of AUDIENCES) {
    const room = rooms.polls[audience](p.sessionId);
    const view = removed ? null : viewPoll(p, audience);
    if (view) io.to(room).emit('poll:changed', view);
    // Only what they saw is taken away: a poll they never saw is never named to them.
    else if (before && viewPoll(before, audience)) io.to(room).emit('poll:removed', { sessionId: p.sessionId, pollId: p.id });
  }
}

async function sendResults(io: BalaiServer, pollId: string): Promise<void> {
  const p = await findPoll(pollId);
  if (!p || p.status === 'draft') return;
  await recheckStaffRoom(io, p.sessionId);
  const full = await polls.computeResults(p);
  for (const audience of AUDIENCES) {
    const r = viewResults(p, full, audience);
    if (r) io.to(rooms.polls[audience](p.sessionId)).emit('poll:results', r);
  }
}

const coalescers = new WeakMap<BalaiServer, ResultCoalescer>();
export function pollResultsFor(io: BalaiServer): ResultCoalescer {
  let c = coalescers.get(io);
  if (!c) coalescers.set(io, (c = new ResultCoalescer(RESULTS_INTERVAL_MS, (id) => sendResults(io, id))));
  return c;
}

/** Each live timed quiz closes itself at its deadline (timers per process; the close is idempotent). */
const quizTimers = new WeakMap<BalaiServer, Map<string, NodeJS.Timeout>>();
export function armQuizTimer(io: BalaiServer, p: PollRecord): void {
  const deadline = pollDeadline(p);
  if (p.status !== 'live' || !deadline) return;
  let timers = quizTimers.get(io);
  if (!timers) quizTimers.set(io, (timers = new Map()));
  if (timers.has(p.id)) return;
  const fire = () => {
    timers.delete(p.id);
    polls
      .closeExpired(p.id)
      .then((change) => publish(io, change))
      .catch((err: unknown) => console.error('[polls] closing a timed quiz failed', err));
  };
  // A little after the deadline, so the answer check (at > deadline) and the close agree.
  timers.set(p.id, setTimeout(fire, Math.max(0, deadline.getTime() - Date.now()) + 50));
}
export function stopQuizTimers(io: BalaiServer): void {
  for (const t of quizTimers.get(io)?.values() ?? []) clearTimeout(t);
  quizTimers.delete(io);
}
/** After a restart: the timers of quizzes still live. */
export async function rearmQuizTimers(io: BalaiServer): Promise<void> {
  for (const p of await polls.liveTimedQuizzes()) armQuizTimer(io, p);
}

async function publish(io: BalaiServer, change: polls.PollChange | undefined): Promise<void> {
  if (!change) return;
  if (!change.answers) armQuizTimer(io, change.poll);
  if (change.answers) {
    pollResultsFor(io).mark(change.poll.id);
    return;
  }
  await recheckStaffRoom(io, change.sessionId);
  announcePoll(io, change.poll, change.before, change.removed);
  // Launching, closing or showing changes who may see the results: send them now.
  if (!change.removed && change.poll.status !== 'draft') await pollResultsFor(io).now(change.poll.id);
}

const joined = new WeakMap<BalaiSocket, string>();
async function leavePolls(socket: BalaiSocket) {
  const sessionId = joined.get(socket);
  if (!sessionId) return;
  joined.delete(socket);
  await socket.leave(rooms.polls.staff(sessionId));
  await socket.leave(rooms.polls.audience(sessionId));
}

// Joining (and re-joining after a reconnect) answers with a full snapshot the client takes as the truth.
handle('poll:join', { scope: 'session', action: 'session:join' }, async ({ socket, userId, actor }, { sessionId }) => {
  const snap = await polls.snapshot(sessionId, actor);
  await leavePolls(socket);
  joined.set(socket, intern(sessionId));
  await socket.join([snap.can.manage ? rooms.polls.staff(sessionId) : rooms.polls.audience(sessionId), rooms.user(userId)]);
  return snap;
});
handle('poll:leave', { scope: 'self' }, async ({ socket }) => {
  await leavePolls(socket);
  return {};
});

const staffView = (p: PollRecord) => viewPoll(p, 'staff')!;
const onlyModerators = () => forbidden('general.onlyModerators');
const notMember = () => forbidden('general.notMember');
// Managing a poll needs poll:manage, checked after the poll's visibility (a participant must not learn
// that a draft exists): the pipeline checks membership where the poll is, the service the rest.
const managed = { scope: 'poll', action: 'session:join', denied: notMember } as const;
handle('poll:create', { scope: 'session', action: 'poll:manage', denied: onlyModerators }, async ({ io, actor }, payload) => {
  const { result, change } = await polls.create(actor, payload);
  await publish(io, change);
  return staffView(result);
});
handle('poll:update', managed, async ({ io, actor }, payload) => {
  const { result, change } = await polls.update(actor, payload);
  await publish(io, change);
  return staffView(result);
});
handle('poll:delete', managed, async ({ io, actor }, { pollId }) => {
  const { result, change } = await polls.remove(actor, pollId);
  await publish(io, change);
  return result;
});
handle('poll:copy', managed, async ({ io, socket, actor }, payload) => {
  const { result, change } = await polls.copy(actor, payload, () => actorAt(socket, { kind: 'session', id: payload.targetSessionId }));
  await publish(io, change);
  return staffView(result);
});
handle('poll:launch', managed, async ({ io, actor }, { pollId }) => {
  const { result, change } = await polls.launch(actor, pollId);
  await publish(io, change);
  return staffView(result);
});
handle('poll:close', managed, async ({ io, actor }, { pollId }) => {
  const { result, change } = await polls.close(actor, pollId);
  await publish(io, change);
  return staffView(result);
});
handle('poll:show', managed, async ({ io, actor }, { pollId, onDisplay }) => {
  const { result, change } = await polls.show(actor, pollId, onDisplay);
  await publish(io, change);
  return staffView(result);
});
handle('poll:answer', { scope: 'poll', action: 'session:join', denied: notMember }, async ({ io, actor }, payload) => {
  const { result, change } = await polls.answer(actor, payload);
  await publish(io, change);
  return result;
});

const manageLinks = { action: 'display:manage-links', denied: onlyModerators } as const;
handle('display:links', { scope: 'session', ...manageLinks }, async (_caller, { sessionId }) => sessionLinks(sessionId));
handle('display:create-link', { scope: 'session', ...manageLinks }, async ({ userId }, { sessionId, label }) => makeDisplayLink(userId, sessionId, label));
handle('display:revoke-link', { scope: 'link', ...manageLinks }, async ({ io }, { linkId }) => {
  const link = await revokeLink(linkId);
  // The projector is told, then cut off; its reconnects are refused by the handshake.
  io.to(rooms.displayLink(linkId)).emit('display:revoked', { sessionId: link.sessionId });
  io.in(rooms.displayLink(linkId)).disconnectSockets(true);
  return link;
});
