import { rooms } from '../../lib/realtime/rooms';
import { liveSessionTokens } from '../../lib/db/queries/auth-sessions';
import { listSessions } from '../../lib/db/queries/programme';
import { runIdsOfSessions } from '../../lib/db/queries/breakouts';
import { can, type Action } from '../../lib/domain/permissions';
import { standingIn } from '../../lib/services/authorize';
import { setLiveAccess, type LiveAccess } from '../../lib/services/live-access';
import type { BalaiServer, BalaiSocket } from './handler';
import { invalidateActors } from './pipeline';

/**
 * What a socket may do follows the person's session and roles while it stays
 * open: every socket is in a room for its signed-in session and one for its
 * user, so a sign-out, "sign out everywhere" or a removal reaches it in any
 * process through the adapter, and a timer re-checks every local socket's
 * session as a backstop (a revocation that found no Socket.IO server).
 */
export function joinAccessRooms(socket: BalaiSocket): Promise<void> | void {
  return socket.join([rooms.auth.session(socket.data.sid), rooms.auth.user(socket.data.userId)]);
}

/** Rooms whose messages need a role, and the permission that role must have. */
function roleRooms(eventId: string, sessionIds: string[], runIds: string[]): { room: string; needs: Action; fallback?: string }[] {
  return [
    { room: rooms.attendance(eventId), needs: 'attendance:view-all' },
    ...sessionIds.map((s) => ({ room: rooms.qa.staff(s), needs: 'qa:moderate' as const, fallback: rooms.qa.audience(s) })),
    ...sessionIds.map((s) => ({ room: rooms.lobby.staff(s), needs: 'lobby:manage' as const })),
    ...sessionIds.map((s) => ({ room: rooms.hands.queue(s), needs: 'hand:view-queue' as const })),
    ...sessionIds.map((s) => ({ room: rooms.stream.staff(s), needs: 'stream:manage' as const })),
    ...sessionIds.map((s) => ({ room: rooms.watch.staff(s), needs: 'watch:promote' as const })),
    ...runIds.map((r) => ({ room: rooms.breakouts.control(r), needs: 'breakout:manage' as const })),
  ];
}

/**
 * A member's role changed or they were removed: each of their sockets that is
 * inside this event leaves the rooms its new role may not hear (moving from
 * the Q&A moderators' room to the audience's), or is disconnected when they
 * are no longer a member. The role is read once, from the database.
 */
export async function rescopeMember(io: BalaiServer, eventId: string, userId: string): Promise<void> {
  const sockets = await io.in(rooms.auth.user(userId)).fetchSockets();
  if (!sockets.length) return;
  // Their standing now, from the same query as every permission check (null: no member, or no event any more).
  const role = (await standingIn(userId, eventId))?.role ?? null;
  const sessionIds = (await listSessions(eventId)).map((s) => s.id);
  const runIds = await runIdsOfSessions(sessionIds);
  const guarded = roleRooms(eventId, sessionIds, runIds);
  const eventRooms = new Set([
    ...sessionIds.flatMap((s) => [rooms.session(s), rooms.qa.audience(s), rooms.breakouts.session(s)]),
    ...guarded.map((g) => g.room),
  ]);
  for (const socket of sockets) {
    const inEvent = [...socket.rooms].some((r) => eventRooms.has(r));
    if (!inEvent) continue;
    if (!role) {
      socket.disconnect(true);
      continue;
    }
    for (const { room, needs, fallback } of guarded) {
      if (!socket.rooms.has(room) || can({ role }, needs)) continue;
      socket.leave(room);
      if (fallback) socket.join(fallback);
    }
  }
}

/** Disconnects every local socket whose session is no longer signed in. */
async function recheckSessions(io: BalaiServer): Promise<void> {
  // A projector's display link has no session; revoking the link disconnects it (server/realtime/display.ts).
  const local = [...io.of('/').sockets.values()].filter((s) => !s.data.display);
  if (!local.length) return;
  const live = await liveSessionTokens([...new Set(local.map((s) => s.data.sid))]);
  for (const socket of local) if (!live.has(socket.data.sid)) socket.disconnect(true);
}

const accessByServer = new WeakMap<BalaiServer, LiveAccess>();
/**
 * This server's live access. Next.js code reaches its own process's through
 * lib/services/live-access; tests running two servers in one process pick one.
 */
export function liveAccessOf(io: BalaiServer): LiveAccess | undefined {
  return accessByServer.get(io);
}

/** Inter-server notice: these people's cached actors are stale. Not part of the browser contract. */
const ACTORS_CHANGED = 'actors:changed';
type Untyped = {
  on(event: string, listener: (body: unknown, ack?: (reply: unknown) => void) => void): void;
  off(event: string, listener: (body: unknown, ack?: (reply: unknown) => void) => void): void;
  serverSideEmitWithAck(event: string, body: unknown): Promise<unknown[]>;
};

export function startAccessControl(io: BalaiServer, recheckSeconds: number, clustered = false): { stop(): void } {
  const bus = io as unknown as Untyped;
  const onActorsChanged = (body: unknown, ack?: (reply: unknown) => void) => {
    const userIds = (body as { userIds?: unknown }).userIds;
    if (Array.isArray(userIds)) for (const id of userIds) if (typeof id === 'string') invalidateActors(io, id);
    ack?.(true);
  };
  if (clustered) bus.on(ACTORS_CHANGED, onActorsChanged);
  // Resolves once every process has dropped the actors, so the change's own answer comes after.
  const actorsChanged = async (userIds: string[]) => {
    if (!userIds.length) return;
    for (const id of userIds) invalidateActors(io, id);
    if (!clustered) return;
    // The adapter's request timeout bounds the wait; past it, the actors' one-minute freshness is the backstop.
    await bus
      .serverSideEmitWithAck(ACTORS_CHANGED, { userIds })
      .catch((err: unknown) => console.error('[realtime] not every process confirmed a role change', err));
  };
  const access: LiveAccess = {
    async endSessions(sids) {
      if (sids.length) io.in(sids.map(rooms.auth.session)).disconnectSockets(true);
    },
    async endUserSessions(userId, except) {
      const target = io.in(rooms.auth.user(userId));
      (except ? target.except(rooms.auth.session(except)) : target).disconnectSockets(true);
    },
    memberChanged: async (eventId, userId) => {
      await actorsChanged([userId]);
      await rescopeMember(io, eventId, userId);
    },
    actorsChanged,
  };
  setLiveAccess(access);
  accessByServer.set(io, access);
  let running = false;
  const timer = setInterval(() => {
    // One pass at a time: a slow database must not pile passes up.
    if (running) return;
    running = true;
    recheckSessions(io)
      .catch((err: unknown) => console.error('[realtime] session re-check failed', err))
      .finally(() => {
        running = false;
      });
  }, recheckSeconds * 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (clustered) bus.off(ACTORS_CHANGED, onActorsChanged);
      setLiveAccess(undefined);
    },
  };
}
