import { timingSafeEqual } from 'node:crypto';
import { findRecording, type RecordingRow } from '../db/queries/recordings';
import { standingIn } from './authorize';
import { mayWatchRecording } from '../domain/recording-visibility';
import { isUuid } from '../domain/ids';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The ready recording this person (or this public link) may watch, or undefined: a recording that
 * does not exist and one the caller may not see answer alike.
 */
export async function watchableRecording(recordingId: string, userId: string | null, token: string | null): Promise<RecordingRow | undefined> {
  if (!isUuid(recordingId)) return undefined;
  const row = await findRecording(recordingId);
  if (!row || row.status !== 'ready' || !row.storageKey) return undefined;
  // A session deleted since the row was read (its recordings go with it) leaves nothing to watch, as a 404.
  const standing = userId ? await standingIn(userId, { kind: 'session', id: row.sessionId }) : undefined;
  if (userId && !standing) return undefined;
  const role = standing?.role ?? null;
  const viaLink = token !== null && row.publicToken !== null && sameSecret(token, row.publicToken);
  return mayWatchRecording(role, row.visibility, viaLink) ? row : undefined;
}
