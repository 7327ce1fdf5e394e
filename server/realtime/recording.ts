import { deleteRecordingRow, findRecording, listRecordings, updateRecording } from '../../lib/db/queries/recordings';
import { can } from '../../lib/domain/permissions';
import { mayWatchRecording } from '../../lib/domain/recording-visibility';
import { DomainError, notFound } from '../../lib/errors';
import { requireSessionAction, requireSessionEntry, sessionActor } from '../../lib/services/session-access';
import { toRecordingSummary } from '../../lib/services/recordings';
import { newPublicToken, pauseRecording, recordingState, resumeRecording, setRecordingListener, startRecording, stopRecording } from '../recording/recorder';
import { removeRecordingFiles } from '../recording/storage';
import { handle, type BalaiServer, type BalaiSocket } from './handler';

/** Everyone in a session hears its recording notices here (the indicator, the list). */
export const recordingRooms = { session: (sessionId: string) => `recording:${sessionId}` };

export function startRecordingNotices(io: BalaiServer): () => void {
  setRecordingListener((sessionId, state, listChanged) => {
    io.to(recordingRooms.session(sessionId)).emit('recording:state', state);
    if (listChanged) io.to(recordingRooms.session(sessionId)).emit('recording:list-changed', { sessionId });
  });
  return () => setRecordingListener(undefined);
}

/** A recording the caller manages; unknown and not-yours look the same (no hint that it exists). */
async function managedRecording(recordingId: string, userId: string) {
  const row = await findRecording(recordingId);
  if (!row) throw notFound('recording');
  const { role } = await sessionActor(row.sessionId, userId);
  if (!can({ role }, 'recording:manage')) throw notFound('recording');
  return { row, role };
}

handle('recording:join', async (caller, { sessionId }) => {
  const { socket } = caller;
  const { role } = await requireSessionEntry(sessionId, caller.userId);
  await socket.join(recordingRooms.session(sessionId));
  return { ...(await recordingState(sessionId)), can: { manage: can({ role }, 'recording:manage') } };
});

handle('recording:start', async (caller, { sessionId, clientId, burnCaptions }) => {
  await requireSessionAction(sessionId, caller.userId, 'recording:manage');
  return startRecording(sessionId, caller.userId, clientId, { burnCaptions });
});

handle('recording:pause', async (caller, { sessionId }) => {
  await requireSessionAction(sessionId, caller.userId, 'recording:manage');
  return pauseRecording(sessionId);
});

handle('recording:resume', async (caller, { sessionId }) => {
  await requireSessionAction(sessionId, caller.userId, 'recording:manage');
  return resumeRecording(sessionId);
});

handle('recording:stop', async (caller, { sessionId }) => {
  await requireSessionAction(sessionId, caller.userId, 'recording:manage');
  return stopRecording(sessionId);
});

handle('recording:list', async (caller, { sessionId }) => {
  const { role } = await requireSessionAction(sessionId, caller.userId, 'session:join');
  const rows = await listRecordings(sessionId);
  const visible = rows.filter((r) => mayWatchRecording(role, r.visibility, false) && (can({ role }, 'recording:manage') || r.status === 'ready'));
  return { recordings: visible.map((r) => toRecordingSummary(r, role)), can: { manage: can({ role }, 'recording:manage') } };
});

handle('recording:set-visibility', async (caller, { recordingId, visibility }) => {
  const { io } = caller;
  const { row, role } = await managedRecording(recordingId, caller.userId);
  const updated = (await updateRecording(recordingId, { visibility, publicToken: visibility === 'public' ? (row.publicToken ?? newPublicToken()) : null }))!;
  io.to(recordingRooms.session(row.sessionId)).emit('recording:list-changed', { sessionId: row.sessionId });
  return toRecordingSummary(updated, role);
});

handle('recording:delete', async (caller, { recordingId }) => {
  const { io } = caller;
  const { row } = await managedRecording(recordingId, caller.userId);
  // The file is still being written or joined: deleting now would race the writer.
  if (row.status !== 'ready' && row.status !== 'failed') throw new DomainError('conflict', 'recording.stopFirst');
  // The stored file goes first: a bucket that refuses leaves the row, so the delete can be tried again.
  await removeRecordingFiles(row.sessionId, row.id, row.storageKey);
  await deleteRecordingRow(recordingId);
  io.to(recordingRooms.session(row.sessionId)).emit('recording:list-changed', { sessionId: row.sessionId });
  return {};
});
