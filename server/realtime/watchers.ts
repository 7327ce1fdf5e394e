import { rooms } from '../../lib/realtime/rooms';
import { WATCHER_LIST_LIMIT, type WatchInvitation, type Watcher, type WatcherList } from '../../lib/contracts/watchers';
import { handQueue } from '../../lib/db/queries/engage';
import { findInvitation, findInvitationByClientId, answerInvitation, insertInvitation, latestInvitationStatuses, pendingInvitation, questionCounts, type InvitationRow } from '../../lib/db/queries/watch';
import { DomainError } from '../../lib/errors';
import { requirePastLobby } from '../../lib/services/session-access';
import { ENTRY } from './pipeline';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { setHand } from './hands';
import { setOnStage } from './media';
import { PRESENCE_QUERY_TIMEOUT_MS } from './presence';

/**
 * Who watches a session's HLS stream, and moderators promoting a watcher into the interactive
 * call. Watching is a socket in the session's watchers room with `socket.data.watching` set, so
 * the list is read from the sockets (across processes through the adapter) and never drifts.
 * An invitation is a row (watch_invitations); accepting it puts the person on stage, the same
 * stored right as the call's own "invite to stage", so they publish camera and microphone
 * through the normal join even in a webinar or a locked room.
 */

interface WatchingPerson {
  userId: string;
  name: string;
  since: string;
}

async function watchingPeople(io: BalaiServer, sessionId: string): Promise<WatchingPerson[]> {
  const room = rooms.watch.watchers(sessionId);
  let sockets;
  try {
    sockets = await io.in(room).timeout(PRESENCE_QUERY_TIMEOUT_MS).fetchSockets();
  } catch {
    // A node that does not answer must not fail the moderator's list: this node's watchers stand in.
    sockets = await io.local.in(room).fetchSockets();
  }
  const byUser = new Map<string, WatchingPerson>();
  for (const s of sockets) {
    const w = s.data.watching;
    if (!w || w.sessionId !== sessionId) continue;
    const known = byUser.get(s.data.userId);
    if (!known || w.since < known.since) byUser.set(s.data.userId, { userId: s.data.userId, name: s.data.name, since: w.since });
  }
  return [...byUser.values()];
}

/** The moderators' list: raised hands first (in order of raising), then those who asked, then the longest watching. */
export async function watcherList(io: BalaiServer, sessionId: string): Promise<WatcherList> {
  const people = await watchingPeople(io, sessionId);
  const ids = people.map((p) => p.userId);
  const [hands, questions, invitations] = await Promise.all([handQueue(sessionId), questionCounts(sessionId, ids), latestInvitationStatuses(sessionId, ids)]);
  const raised = new Map(hands.map((h) => [h.userId, h.raisedAt.toISOString()]));
  const watchers: Watcher[] = people.map((p) => ({
    ...p,
    handRaisedAt: raised.get(p.userId) ?? null,
    questions: questions.get(p.userId) ?? 0,
    invitation: invitations.get(p.userId) ?? null,
  }));
  // ISO timestamps compare as strings; no hand sorts after every hand.
  const byTime = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  watchers.sort((a, b) => byTime(a.handRaisedAt, b.handRaisedAt) || b.questions - a.questions || byTime(a.since, b.since) || a.name.localeCompare(b.name));
  return { sessionId, count: watchers.length, watchers: watchers.slice(0, WATCHER_LIST_LIMIT) };
}

/**
 * Tells the session's moderators the list changed. Coalesced per session: a thousand watchers
 * opening the page at the start of a keynote make a few lists, not a thousand.
 */
const pending = new Map<string, NodeJS.Timeout>();
const NOTICE_DELAY_MS = 300;
function tellStaff(io: BalaiServer, sessionId: string): void {
  if (pending.has(sessionId)) return;
  pending.set(
    sessionId,
    setTimeout(() => {
      pending.delete(sessionId);
      watcherList(io, sessionId)
        .then((list) => io.to(rooms.watch.staff(sessionId)).emit('watch:watchers-changed', list))
        .catch((err: unknown) => console.error(`[watchers ${sessionId}] could not tell the moderators`, err));
    }, NOTICE_DELAY_MS),
  );
}

function view(row: InvitationRow): WatchInvitation {
  return { id: row.id, sessionId: row.sessionId, userId: row.userId, invitedBy: row.invitedByName, status: row.status };
}

const leavesOnDisconnect = new WeakSet<BalaiSocket>();

async function stopWatching(io: BalaiServer, socket: BalaiSocket): Promise<void> {
  const watching = socket.data.watching;
  if (!watching) return;
  socket.data.watching = undefined;
  await socket.leave(rooms.watch.watchers(watching.sessionId));
  tellStaff(io, watching.sessionId);
}

handle('watch:attend', ENTRY, async (caller, { sessionId }) => {
  const { socket, io } = caller;
  // The same gate as the stream itself (watch:get): a member, past the lobby when it is on.
  await requirePastLobby(sessionId, caller.userId, caller.actor.role);
  if (socket.data.watching?.sessionId !== sessionId) {
    await stopWatching(io, socket);
    socket.data.watching = { sessionId, since: new Date().toISOString() };
    await socket.join([rooms.watch.watchers(sessionId), rooms.user(caller.userId)]);
    if (!leavesOnDisconnect.has(socket)) {
      leavesOnDisconnect.add(socket);
      socket.once('disconnect', () => {
        const left = socket.data.watching?.sessionId;
        socket.data.watching = undefined;
        if (left) tellStaff(io, left);
      });
    }
    tellStaff(io, sessionId);
  }
  const invitation = await pendingInvitation(sessionId, caller.userId);
  return { invitation: invitation ? view(invitation) : null };
});

handle('watch:leave', { scope: 'self' }, async (caller, { sessionId }) => {
  if (caller.socket.data.watching?.sessionId === sessionId) await stopWatching(caller.io, caller.socket);
  return {};
});

handle('watch:watchers', { scope: 'session', action: 'watch:promote' }, async (caller, { sessionId }) => {
  await caller.socket.join(rooms.watch.staff(sessionId));
  return watcherList(caller.io, sessionId);
});

handle('watch:promote', { scope: 'session', action: 'watch:promote' }, async (caller, { sessionId, userId, clientId }) => {
  const { io } = caller;
  const people = await watchingPeople(io, sessionId);
  // A retry after the watcher already left for the call still finds its invitation: the clientId decides, not the list.
  const row = await insertInvitationIfWatching(people, { sessionId, userId, clientId, invitedBy: caller.userId });
  if (row.sessionId !== sessionId || row.userId !== userId) throw new DomainError('conflict', 'watch.clientIdReused');
  const invitation = view(row);
  if (row.status === 'pending') io.to(rooms.user(userId)).emit('watch:invited', { sessionId, invitation });
  tellStaff(io, sessionId);
  return { invitation };
});

async function insertInvitationIfWatching(people: WatchingPerson[], values: { sessionId: string; userId: string; clientId: string; invitedBy: string }): Promise<InvitationRow> {
  const earlier = await findInvitationByClientId(values.clientId);
  if (earlier) return earlier;
  if (!people.some((p) => p.userId === values.userId)) throw new DomainError('not_found', 'watch.notWatching');
  return insertInvitation(values);
}

handle('watch:answer', ENTRY, async (caller, { sessionId, invitationId, accept }) => {
  const { io } = caller;
  await requirePastLobby(sessionId, caller.userId, caller.actor.role);
  const found = await findInvitation(invitationId);
  // Someone else's invitation answers like none: ids are not a way to learn who was invited.
  if (!found || found.userId !== caller.userId || found.sessionId !== sessionId) throw new DomainError('not_found', 'watch.noInvitation');
  const wanted = accept ? 'accepted' : 'declined';
  if (found.status === 'pending') await answerInvitation(found.id, wanted);
  const row = (await findInvitation(invitationId))!;
  // A retry answers the same; changing one's answer afterwards is not offered (ask to be invited again).
  if (row.status !== wanted) throw new DomainError('conflict', 'watch.alreadyAnswered');
  // Idempotent: the stored right is set again on a retry, and every live peer of the person re-reads it.
  // A raised hand was the request to speak: it is answered, as hand:invite lowers it.
  if (accept) {
    await setOnStage(io, sessionId, caller.userId, true);
    await setHand(io, sessionId, caller.userId, false);
  }
  tellStaff(io, sessionId);
  return { invitation: view(row) };
});
