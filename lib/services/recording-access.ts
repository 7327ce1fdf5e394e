import { timingSafeEqual } from 'node:crypto';
import { findRecording, type RecordingRow } from '../db/queries/recordings';
import { actorIn } from './authorize';
import { mayWatchRecording } from '../domain/recording-visibility';

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
  if (!/^[0-9a-f-]{36}$/i.test(recordingId)) return undefined;
  const row = await findRecording(recordingId);
  if (!row || row.status !== 'ready' || !row.storageKey) return undefined;
  // The session is there: deleting it deletes its recordings.
  const role = userId ? (await actorIn(userId, { kind: 'session', id: row.sessionId })).role : null;
  const viaLink = token !== null && row.publicToken !== null && sameSecret(token, row.publicToken);
  return mayWatchRecording(role, row.visibility, viaLink) ? row : undefined;
}
