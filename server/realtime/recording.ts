import { rooms } from '../../lib/realtime/rooms';
import { deleteRecordingRow, findRecording, listRecordings, updateRecording } from '../../lib/db/queries/recordings';
import { can } from '../../lib/domain/permissions';
import { mayWatchRecording } from '../../lib/domain/recording-visibility';
import { DomainError, notFound } from '../../lib/errors';
import { requirePastLobby } from '../../lib/services/session-access';
import { toRecordingSummary } from '../../lib/services/recordings';
import { newPublicToken, pauseRecording, recordingState, resumeRecording, setRecordingListener, startRecording, stopRecording } from '../recording/recorder';
import { removeRecordingFiles } from '../recording/storage';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { ENTRY } from './pipeline';


export function startRecordingNotices(io: BalaiServer): () => void {
  setRecordingListener((sessionId, state, listChanged) => {
    io.to(rooms.recording(sessionId)).emit('recording:state', state);
    if (listChanged) io.to(rooms.recording(sessionId)).emit('recording:list-changed', { sessionId });
  });
  return () => setRecordingListener(undefined);
}

/** A recording the caller manages; unknown and not-yours look the same (no hint that it exists). */
const hidden = () => notFound('recording');
const managed = { scope: 'recording', action: 'recording:manage', missing: hidden, nonMember: hidden, denied: hidden } as const;
async function managedRecording(recordingId: string) {
  const row = await findRecording(recordingId);
  if (!row) throw notFound('recording');
  return row;
}

handle('recording:join', ENTRY, async (caller, { sessionId }) => {
  const { socket } = caller;
  const { role } = caller.actor;
  await requirePastLobby(sessionId, caller.userId, role);
  await socket.join(rooms.recording(sessionId));
  return { ...(await recordingState(sessionId)), can: { manage: can({ role }, 'recording:manage') } };
});

handle('recording:start', { scope: 'session', action: 'recording:manage' }, async (caller, { sessionId, clientId, burnCaptions }) => {
  return startRecording(sessionId, caller.userId, clientId, { burnCaptions });
});

handle('recording:pause', { scope: 'session', action: 'recording:manage' }, async (caller, { sessionId }) => {
  return pauseRecording(sessionId);
});

handle('recording:resume', { scope: 'session', action: 'recording:manage' }, async (caller, { sessionId }) => {
  return resumeRecording(sessionId);
});

handle('recording:stop', { scope: 'session', action: 'recording:manage' }, async (caller, { sessionId }) => {
  return stopRecording(sessionId);
});

handle('recording:list', { scope: 'session', action: 'session:join' }, async (caller, { sessionId }) => {
  const { role } = caller.actor;
  const rows = await listRecordings(sessionId);
  const visible = rows.filter((r) => mayWatchRecording(role, r.visibility, false) && (can({ role }, 'recording:manage') || r.status === 'ready'));
  return { recordings: visible.map((r) => toRecordingSummary(r, role)), can: { manage: can({ role }, 'recording:manage') } };
});

handle('recording:set-visibility', managed, async (caller, { recordingId, visibility }) => {
  const { io } = caller;
  const { role } = caller.actor;
  const row = await managedRecording(recordingId);
  const updated = (await updateRecording(recordingId, { visibility, publicToken: visibility === 'public' ? (row.publicToken ?? newPublicToken()) : null }))!;
  io.to(rooms.recording(row.sessionId)).emit('recording:list-changed', { sessionId: row.sessionId });
  return toRecordingSummary(updated, role);
});

handle('recording:delete', managed, async (caller, { recordingId }) => {
  const { io } = caller;
  const row = await managedRecording(recordingId);
  // The file is still being written or joined: deleting now would race the writer.
  if (row.status !== 'ready' && row.status !== 'failed') throw new DomainError('conflict', 'recording.stopFirst');
  // The stored file goes first: a bucket that refuses leaves the row, so the delete can be tried again.
  await removeRecordingFiles(row.sessionId, row.id, row.storageKey);
  await deleteRecordingRow(recordingId);
  io.to(rooms.recording(row.sessionId)).emit('recording:list-changed', { sessionId: row.sessionId });
  return {};
});
