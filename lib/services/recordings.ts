import type { RecordingSummary } from '../contracts/recording';
import type { RecordingRow } from '../db/queries/recordings';
import { can } from '../domain/permissions';
import type { Role } from '../domain/roles';

/** Where a recording is watched and downloaded (range requests); the public link carries its secret. */
export const recordingFileUrl = (recordingId: string) => `/recordings/${recordingId}/file`;
export const recordingPublicUrl = (recordingId: string, token: string) => `/recordings/${recordingId}/file?t=${encodeURIComponent(token)}`;

export function toRecordingSummary(row: RecordingRow, role: Role | null): RecordingSummary {
  const manage = can({ role }, 'recording:manage');
  return {
    id: row.id,
    status: row.status,
    visibility: row.visibility,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    sizeBytes: row.sizeBytes,
    error: row.error,
    url: row.status === 'ready' ? recordingFileUrl(row.id) : null,
    publicUrl: manage && row.status === 'ready' && row.visibility === 'public' && row.publicToken ? recordingPublicUrl(row.id, row.publicToken) : null,
  };
}
