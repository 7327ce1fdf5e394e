import type { QaSettings } from '../../lib/contracts/qa';
import { findQuestion, rolesInSession } from '../../lib/db/queries/qa';
import { can } from '../../lib/domain/permissions';
import type { Role } from '../../lib/domain/roles';
import { isPublic, viewQuestion, type QuestionRecord } from '../../lib/domain/qa-visibility';
import * as qa from '../../lib/services/qa';
import { rooms } from '../../lib/services/broadcast';
import { notFound } from '../../lib/errors';
import { on, type BalaiServer, type BalaiSocket } from './handler';

/**
 * Q&A rooms per session: moderators in one, everyone else in the other, so
 * each payload is built once per audience from `viewQuestion` and a
 * participant's socket never receives the moderators' version.
 */
export const qaRooms = {
  staff: (sessionId: string) => `qa:${sessionId}:staff`,
  audience: (sessionId: string) => `qa:${sessionId}:audience`,
};

/**
 * Roles change during a live session: before anything only moderators may see
 * is sent, the moderators' room is checked against the database and anyone
 * demoted is moved to the audience room (or out, if no longer a member).
 */
async function recheckStaffRoom(io: BalaiServer, sessionId: string): Promise<void> {
  const sockets = await io.in(qaRooms.staff(sessionId)).fetchSockets();
  if (!sockets.length) return;
  const roles = await rolesInSession(sessionId, [...new Set(sockets.map((s) => s.data.userId))]);
  for (const s of sockets) {
    const role = roles.get(s.data.userId);
    if (role && can({ role: role as Role }, 'qa:moderate')) continue;
    s.leave(qaRooms.staff(sessionId));
    if (role) s.join(qaRooms.audience(sessionId));
  }
}

/** Sends what a committed change means to each audience. */
export async function fanOut(io: BalaiServer, change: qa.QaChange): Promise<void> {
  const { sessionId } = change;
  if (change.questions?.length || change.settings) await recheckStaffRoom(io, sessionId);
  const staff = qaRooms.staff(sessionId);
  const audience = qaRooms.audience(sessionId);
  for (const { q, before } of change.questions ?? []) {
    io.to(staff).emit('qa:question-changed', viewQuestion(q, { userId: '', staff: true })!);
    const author = rooms.user(q.authorId);
    const publicView = viewQuestion(q, { userId: '', staff: false });
    const others = io.to(audience).except([author, staff]);
    if (publicView) others.emit('qa:question-changed', publicView);
    // Only what they saw is taken away: a question they never saw is never named to them.
    else if (before && isPublic(before)) others.emit('qa:question-removed', { sessionId, questionId: q.id, rev: q.rev });
    // The author's own sockets (in any session) learn their question's state, reject reason included.
    io.to(author).except(staff).emit('qa:question-changed', viewQuestion(q, { userId: q.authorId, staff: false })!);
  }
  if (change.votes) io.to([staff, audience]).emit('qa:votes-changed', { sessionId, ...change.votes });
  if (change.myVote) {
    const { userId, questionId, voted } = change.myVote;
    io.to(rooms.user(userId)).emit('qa:my-vote-changed', { sessionId, questionId, voted });
  }
  if (change.settings) await announceSettings(io, change.settings);
}

// Fan-outs of one session go out one after another, in the order they were published.
const queues = new Map<string, Promise<void>>();
function enqueueFanOut(io: BalaiServer, change: qa.QaChange): void {
  const next = (queues.get(change.sessionId) ?? Promise.resolve()).then(() => fanOut(io, change)).catch((err: unknown) => console.error('[qa] fan-out failed', err));
  queues.set(change.sessionId, next);
  void next.then(() => {
    if (queues.get(change.sessionId) === next) queues.delete(change.sessionId);
  });
}

async function announceSettings(io: BalaiServer, settings: QaSettings) {
  const { sessionId } = settings;
  const q: QuestionRecord | undefined = settings.highlightedQuestionId ? await findQuestion(settings.highlightedQuestionId) : undefined;
  const base = { sessionId, moderation: settings.moderation, highlightedQuestionId: settings.highlightedQuestionId, rev: settings.rev };
  io.to(qaRooms.staff(sessionId)).emit('qa:settings-changed', { ...base, highlighted: q ? viewQuestion(q, { userId: '', staff: true }) : null });
  io.to(qaRooms.audience(sessionId)).emit('qa:settings-changed', { ...base, highlighted: q ? viewQuestion(q, { userId: '', staff: false }) : null });
}

/** The Q&A session this socket has joined, kept beside socket.data (which other domains own). */
const joined = new WeakMap<BalaiSocket, string>();

async function leaveQa(socket: BalaiSocket) {
  const sessionId = joined.get(socket);
  if (!sessionId) return;
  joined.delete(socket);
  await socket.leave(qaRooms.staff(sessionId));
  await socket.leave(qaRooms.audience(sessionId));
}

export function registerQa(io: BalaiServer, socket: BalaiSocket): void {

  // Joining (and re-joining after a reconnect) answers with a full snapshot:
  // the client replaces its state, so nothing missed and nothing doubled.
  on(io, socket, 'qa:join', async (caller, { sessionId, view }) => {
    const snap = await qa.snapshot(sessionId, caller.userId, view === 'public');
    await leaveQa(socket);
    joined.set(socket, sessionId);
    // A public-view socket (projector, presenter screen) gets the audience's payloads only, not the person's own.
    await socket.join(view === 'public' ? [qaRooms.audience(sessionId)] : [snap.can.moderate ? qaRooms.staff(sessionId) : qaRooms.audience(sessionId), rooms.user(caller.userId)]);
    return snap;
  });

  on(io, socket, 'qa:leave', async () => {
    await leaveQa(socket);
    return {};
  });

  // Acks are sent after the transaction committed; the fan-out follows.
  // The caller's own view of what they just changed (authors and moderators always have one).
  const asViewer = async (userId: string, q: QuestionRecord) => {
    const view = viewQuestion(q, await qa.qaViewer(q.sessionId, userId));
    if (!view) throw notFound('question');
    return view;
  };
  const publish = (change: qa.QaChange | undefined) => {
    if (change) enqueueFanOut(io, change);
  };

  on(io, socket, 'qa:ask', async (caller, payload) => {
    const { result, change } = await qa.ask(caller.userId, payload);
    publish(change);
    return asViewer(caller.userId, result);
  });
  on(io, socket, 'qa:vote', async (caller, payload) => {
    const { result, change } = await qa.vote(caller.userId, payload);
    publish(change);
    return result;
  });
  on(io, socket, 'qa:edit', async (caller, payload) => {
    const { result, change } = await qa.edit(caller.userId, payload);
    publish(change);
    return asViewer(caller.userId, result);
  });
  on(io, socket, 'qa:withdraw', async (caller, payload) => {
    const { result, change } = await qa.withdraw(caller.userId, payload);
    publish(change);
    return asViewer(caller.userId, result);
  });
  on(io, socket, 'qa:moderate', async (caller, payload) => {
    const { result, change } = await qa.moderate(caller.userId, payload);
    publish(change);
    return asViewer(caller.userId, result);
  });
  on(io, socket, 'qa:merge', async (caller, payload) => {
    const { result, change } = await qa.merge(caller.userId, payload);
    publish(change);
    return { source: await asViewer(caller.userId, result.source), target: await asViewer(caller.userId, result.target) };
  });
  on(io, socket, 'qa:highlight', async (caller, payload) => {
    const { result, change } = await qa.highlight(caller.userId, payload);
    publish(change);
    return result;
  });
  on(io, socket, 'qa:set-moderation', async (caller, payload) => {
    const { result, change } = await qa.setModeration(caller.userId, payload);
    publish(change);
    return result;
  });

  socket.on('disconnect', () => joined.delete(socket));
}
