import { rooms } from '../../lib/realtime/rooms';
import { intern } from '../../lib/realtime/intern';
import type { QaSettings } from '../../lib/contracts/qa';
import { findQuestion, rolesInSession } from '../../lib/db/queries/qa';
import { can } from '../../lib/domain/permissions';
import type { Role } from '../../lib/domain/roles';
import { isPublic, viewQuestion, type QuestionRecord } from '../../lib/domain/qa-visibility';
import * as qa from '../../lib/services/qa';
import { forbidden, notFound } from '../../lib/errors';
import { handle, type BalaiServer, type BalaiSocket, type RequestActor } from './handler';
import { announceVotes } from './qa-vote-notices';
import { socketsEverywhere } from './cluster-sockets';

/**
 * Q&A rooms per session: moderators in one, everyone else in the other, so
 * each payload is built once per audience from `viewQuestion` and a
 * participant's socket never receives the moderators' version.
 */

/**
 * Roles change during a live session: before anything only moderators may see
 * is sent, the moderators' room is checked against the database and anyone
 * demoted is moved to the audience room (or out, if no longer a member).
 */
async function recheckStaffRoom(io: BalaiServer, sessionId: string): Promise<void> {
  const sockets = await socketsEverywhere(io, rooms.qa.staff(sessionId));
  if (!sockets.length) return;
  const roles = await rolesInSession(sessionId, [...new Set(sockets.map((s) => s.data.userId))]);
  for (const s of sockets) {
    const role = roles.get(s.data.userId);
    if (role && can({ role: role as Role }, 'qa:moderate')) continue;
    s.leave(rooms.qa.staff(sessionId));
    if (role) s.join(rooms.qa.audience(sessionId));
  }
}

/** Sends what a committed change means to each audience. */
export async function fanOut(io: BalaiServer, change: qa.QaChange): Promise<void> {
  const { sessionId } = change;
  if (change.questions?.length || change.settings) await recheckStaffRoom(io, sessionId);
  const staff = rooms.qa.staff(sessionId);
  const audience = rooms.qa.audience(sessionId);
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
  if (change.votes) announceVotes(io, [staff, audience], { sessionId, ...change.votes });
  if (change.myVote) {
    const { userId, questionId, voted } = change.myVote;
    io.to(rooms.user(userId)).emit('qa:my-vote-changed', { sessionId, questionId, voted });
  }
  if (change.settings) await announceSettings(io, change.settings);
}

/**
 * Fan-outs of one session go out one after another, in the order they were
 * published, so each recipient sees every question's revisions in order. While
 * one runs, the next new or changed questions wait in one change: a burst of
 * asks committed together costs one staff-room check, not one per question.
 */
const waitingByServer = new WeakMap<BalaiServer, Map<string, qa.QaChange[]>>();
const onlyQuestions = (c: qa.QaChange) => !!c.questions?.length && !c.votes && !c.myVote && !c.settings;

function enqueueFanOut(io: BalaiServer, change: qa.QaChange): void {
  let waitingBySession = waitingByServer.get(io);
  if (!waitingBySession) waitingByServer.set(io, (waitingBySession = new Map()));
  const waiting = waitingBySession.get(change.sessionId);
  const own = onlyQuestions(change) ? { ...change, questions: [...change.questions!] } : change;
  if (!waiting) {
    waitingBySession.set(change.sessionId, [own]);
    void runFanOuts(io, waitingBySession, change.sessionId);
    return;
  }
  const last = waiting.at(-1);
  if (last && onlyQuestions(last) && onlyQuestions(own)) last.questions!.push(...own.questions!);
  else waiting.push(own);
}

async function runFanOuts(io: BalaiServer, waitingBySession: Map<string, qa.QaChange[]>, sessionId: string): Promise<void> {
  const waiting = waitingBySession.get(sessionId)!;
  // Taken off the list before it runs: what arrives meanwhile joins a change that has not started.
  for (let change = waiting.shift(); change; change = waiting.shift()) {
    await fanOut(io, change).catch((err: unknown) => console.error('[qa] fan-out failed', err));
  }
  waitingBySession.delete(sessionId);
}

async function announceSettings(io: BalaiServer, settings: QaSettings) {
  const { sessionId } = settings;
  const q: QuestionRecord | undefined = settings.highlightedQuestionId ? await findQuestion(settings.highlightedQuestionId) : undefined;
  const base = { sessionId, moderation: settings.moderation, highlightedQuestionId: settings.highlightedQuestionId, rev: settings.rev };
  io.to(rooms.qa.staff(sessionId)).emit('qa:settings-changed', { ...base, highlighted: q ? viewQuestion(q, { userId: '', staff: true }) : null });
  io.to(rooms.qa.audience(sessionId)).emit('qa:settings-changed', { ...base, highlighted: q ? viewQuestion(q, { userId: '', staff: false }) : null });
}

/** The Q&A session this socket has joined, kept beside socket.data (which other domains own). */
const joined = new WeakMap<BalaiSocket, string>();

async function leaveQa(socket: BalaiSocket) {
  const sessionId = joined.get(socket);
  if (!sessionId) return;
  joined.delete(socket);
  await socket.leave(rooms.qa.staff(sessionId));
  await socket.leave(rooms.qa.audience(sessionId));
}

// Joining (and re-joining after a reconnect) answers with a full snapshot, or the delta from
// what the tab holds: the client replaces or merges its state, so nothing missed and nothing doubled.
handle('qa:join', { scope: 'session', action: 'session:join' }, async ({ socket, userId, actor }, { sessionId, view, have }) => {
  const snap = await qa.snapshot(sessionId, actor, view === 'public', have);
  await leaveQa(socket);
  joined.set(socket, intern(sessionId));
  // A public-view socket (projector, presenter screen) gets the audience's payloads only, not the person's own.
  await socket.join(view === 'public' ? [rooms.qa.audience(sessionId)] : [snap.can.moderate ? rooms.qa.staff(sessionId) : rooms.qa.audience(sessionId), rooms.user(userId)]);
  return snap;
});

handle('qa:leave', { scope: 'self' }, async ({ socket }) => {
  await leaveQa(socket);
  return {};
});

// Acks are sent after the transaction committed; the fan-out follows.
// Asking, voting, editing and withdrawing need qa:ask where the question is; moderating a question is
// checked after its visibility (a hidden question is not_found even to a participant who may not moderate).
const onlyModerators = () => forbidden('general.onlyModerators');
// The caller's own view of what they just changed (authors and moderators always have one).
const asViewer = async (actor: RequestActor, q: QuestionRecord) => {
  const view = viewQuestion(q, qa.qaViewer(actor));
  if (!view) throw notFound('question');
  return view;
};
const publish = (io: BalaiServer, change: qa.QaChange | undefined) => {
  if (change) enqueueFanOut(io, change);
};

handle('qa:ask', { scope: 'session', action: 'qa:ask' }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.ask(actor, payload);
  publish(io, change);
  return asViewer(actor, result);
});
handle('qa:vote', { scope: 'question', action: 'qa:ask' }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.vote(actor, payload);
  publish(io, change);
  return result;
});
handle('qa:edit', { scope: 'question', action: 'qa:ask' }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.edit(actor, payload);
  publish(io, change);
  return asViewer(actor, result);
});
handle('qa:withdraw', { scope: 'question', action: 'qa:ask' }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.withdraw(actor, payload);
  publish(io, change);
  return asViewer(actor, result);
});
handle('qa:moderate', { scope: 'question', action: 'qa:ask' }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.moderate(actor, payload);
  publish(io, change);
  return asViewer(actor, result);
});
handle('qa:merge', { scope: 'question', field: 'sourceId', action: 'qa:ask' }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.merge(actor, payload);
  publish(io, change);
  return { source: await asViewer(actor, result.source), target: await asViewer(actor, result.target) };
});
handle('qa:highlight', { scope: 'session', action: 'qa:moderate', denied: onlyModerators }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.highlight(actor, payload);
  publish(io, change);
  return result;
});
handle('qa:set-moderation', { scope: 'session', action: 'qa:moderate', denied: onlyModerators }, async ({ io, actor }, payload) => {
  const { result, change } = await qa.setModeration(actor, payload);
  publish(io, change);
  return result;
});
