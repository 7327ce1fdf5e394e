import { rooms } from '../../lib/realtime/rooms';
import type { DestinationView } from '../../lib/contracts/streaming';
import { deleteDestination, findDestination, insertDestination, listDestinations, type DestinationRow } from '../../lib/db/queries/recordings';
import { can } from '../../lib/domain/permissions';
import { notFound } from '../../lib/errors';
import { destinationStatus, setStreamStatusListener, startPush, stopPush } from '../streaming/rtmp-out';
import { disableIngest, enableIngest, ingestOf, ingestUrl, setIngestListener } from '../streaming/ingest';
import { disableWhip, enableWhip, setWhipListener, whipOf } from '../streaming/whip';
import { whipPath } from '../http/whip-route';
import { env } from '../../lib/env';
import type { IngestView, WatchState } from '../../lib/contracts/streaming';
import { disableWatch, enableWatch, HLS_SEGMENT_SECONDS, watchEnabled } from '../streaming/hls';
import { requirePastLobby } from '../../lib/services/session-access';
import { ENTRY } from './pipeline';
import type { Role } from '../../lib/domain/roles';
import { handle, type BalaiServer, type BalaiSocket } from './handler';


/** The key stays on the server: a destination is shown by its address and whether a key is set. */
function view(row: DestinationRow): DestinationView {
  return { id: row.id, label: row.label, url: row.url, keySet: row.streamKey.length > 0, status: destinationStatus(row.id) };
}

export function startStreamNotices(io: BalaiServer): () => void {
  setStreamStatusListener((sessionId, destinationId, status) => io.to(rooms.stream.staff(sessionId)).emit('stream:status', { sessionId, destinationId, status }));
  setIngestListener((sessionId, status) => io.to(rooms.stream.staff(sessionId)).emit('ingest:status', { sessionId, status }));
  setWhipListener((sessionId, status) => io.to(rooms.stream.staff(sessionId)).emit('ingest:whip-status', { sessionId, status }));
  return () => {
    setStreamStatusListener(undefined);
    setIngestListener(undefined);
    setWhipListener(undefined);
  };
}

/** A destination of a session the caller manages streaming for; unknown and not-yours answer alike. */
/** Unknown and not-yours look the same: no hint that a destination exists. */
const hidden = () => notFound('destination');
const managed = { scope: 'destination', action: 'stream:manage', missing: hidden, nonMember: hidden, denied: hidden } as const;
async function managedDestination(destinationId: string): Promise<DestinationRow> {
  const row = await findDestination(destinationId);
  if (!row) throw notFound('destination');
  return row;
}

/** The WHIP endpoint as a mixer reaches it: on the public address people use. */
const whipUrl = (sessionId: string) => new URL(whipPath(sessionId), env().NEXTAUTH_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost').toString();

function ingestView(sessionId: string): IngestView {
  const ingest = ingestOf(sessionId);
  const whip = whipOf(sessionId);
  const whipView = whip
    ? { enabled: true, url: whipUrl(sessionId), token: whip.token, status: whip.status }
    : { enabled: false, url: null, token: null, status: { state: 'off' as const, error: null } };
  if (!ingest) return { enabled: false, url: null, streamKey: null, status: { state: 'off', error: null }, whip: whipView };
  return { enabled: true, url: ingest.port ? ingestUrl(ingest.port) : null, streamKey: ingest.port ? ingest.key : null, status: ingest.status, whip: whipView };
}

export const watchPlaylistUrl = (sessionId: string) => `/watch/${sessionId}/index.m3u8`;

function watchState(sessionId: string, role: Role | null): WatchState {
  const on = watchEnabled(sessionId);
  return { enabled: on, playlistUrl: on ? watchPlaylistUrl(sessionId) : null, segmentSeconds: HLS_SEGMENT_SECONDS, can: { manage: can({ role }, 'stream:manage') } };
}

handle('watch:get', ENTRY, async (caller, { sessionId }) => {
  const { socket } = caller;
  const { role } = caller.actor;
  await requirePastLobby(sessionId, caller.userId, caller.actor.role);
  // The watch page hears its notices in the session's recording room (the indicator lives there too).
  await socket.join(rooms.recording(sessionId));
  return watchState(sessionId, role);
});

handle('watch:enable', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  const { io } = caller;
  const { role } = caller.actor;
  await enableWatch(sessionId);
  io.to(rooms.recording(sessionId)).emit('watch:changed', { sessionId });
  return watchState(sessionId, role);
});

handle('watch:disable', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  const { io } = caller;
  const { role } = caller.actor;
  await disableWatch(sessionId);
  io.to(rooms.recording(sessionId)).emit('watch:changed', { sessionId });
  return watchState(sessionId, role);
});

handle('ingest:get', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  const { socket } = caller;
  await socket.join(rooms.stream.staff(sessionId));
  return ingestView(sessionId);
});

handle('ingest:enable', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  const { socket } = caller;
  await socket.join(rooms.stream.staff(sessionId));
  await enableIngest(sessionId, { userId: caller.userId, name: 'Hall mixer' });
  return ingestView(sessionId);
});

handle('ingest:disable', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  await disableIngest(sessionId);
  return ingestView(sessionId);
});

handle('ingest:whip-enable', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  const { socket } = caller;
  await socket.join(rooms.stream.staff(sessionId));
  enableWhip(sessionId, { userId: caller.userId, name: 'Hall mixer (WHIP)' });
  return ingestView(sessionId);
});

handle('ingest:whip-disable', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  await disableWhip(sessionId);
  return ingestView(sessionId);
});

handle('stream:destinations', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId }) => {
  const { socket } = caller;
  await socket.join(rooms.stream.staff(sessionId));
  return { destinations: (await listDestinations(sessionId)).map(view) };
});

handle('stream:add-destination', { scope: 'session', action: 'stream:manage' }, async (caller, { sessionId, clientId, label, url, streamKey }) => {
  const { io } = caller;
  const row = await insertDestination({ sessionId, clientId, label, url, streamKey, createdBy: caller.userId });
  if (row.sessionId !== sessionId) throw notFound('destination');
  io.to(rooms.stream.staff(sessionId)).emit('stream:destinations-changed', { sessionId });
  return view(row);
});

handle('stream:remove-destination', managed, async (caller, { destinationId }) => {
  const { io } = caller;
  const row = await managedDestination(destinationId);
  await stopPush(row.id);
  await deleteDestination(row.id);
  io.to(rooms.stream.staff(row.sessionId)).emit('stream:destinations-changed', { sessionId: row.sessionId });
  return {};
});

handle('stream:start', managed, async (caller, { destinationId }) => {
  const row = await managedDestination(destinationId);
  await startPush(row);
  return view(row);
});

handle('stream:stop', managed, async (caller, { destinationId }) => {
  const row = await managedDestination(destinationId);
  await stopPush(row.id);
  return view(row);
});
