import { and, desc, eq, inArray } from 'drizzle-orm';
import { db } from '../client';
import { recordings, streamDestinations } from '../schema';

export type RecordingRow = typeof recordings.$inferSelect;
export type RecordingStatus = RecordingRow['status'];
export type RecordingVisibility = RecordingRow['visibility'];

export async function insertRecording(values: { sessionId: string; clientId: string; startedBy: string; burnCaptions?: boolean }): Promise<RecordingRow> {
  const d = await db();
  const [row] = await d.insert(recordings).values(values).onConflictDoNothing({ target: recordings.clientId }).returning();
  if (row) return row;
  const [existing] = await d.select().from(recordings).where(eq(recordings.clientId, values.clientId));
  return existing!;
}

export async function findRecording(id: string): Promise<RecordingRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(recordings).where(eq(recordings.id, id));
  return row;
}

/** The session's recording that is running or paused, if any (there is at most one). */
export async function activeRecording(sessionId: string): Promise<RecordingRow | undefined> {
  const d = await db();
  const [row] = await d
    .select()
    .from(recordings)
    .where(and(eq(recordings.sessionId, sessionId), inArray(recordings.status, ['recording', 'paused'])))
    .orderBy(desc(recordings.startedAt))
    .limit(1);
  return row;
}

export async function unfinishedRecordings(): Promise<RecordingRow[]> {
  const d = await db();
  return d.select().from(recordings).where(inArray(recordings.status, ['recording', 'paused', 'processing']));
}

export async function listRecordings(sessionId: string): Promise<RecordingRow[]> {
  const d = await db();
  return d.select().from(recordings).where(eq(recordings.sessionId, sessionId)).orderBy(desc(recordings.startedAt));
}

export async function updateRecording(id: string, patch: Partial<Omit<RecordingRow, 'id' | 'sessionId' | 'clientId'>>): Promise<RecordingRow | undefined> {
  const d = await db();
  const [row] = await d.update(recordings).set(patch).where(eq(recordings.id, id)).returning();
  return row;
}

export async function deleteRecordingRow(id: string): Promise<void> {
  const d = await db();
  await d.delete(recordings).where(eq(recordings.id, id));
}

export type DestinationRow = typeof streamDestinations.$inferSelect;

export async function insertDestination(values: { sessionId: string; clientId: string; label: string; url: string; streamKey: string; createdBy: string }): Promise<DestinationRow> {
  const d = await db();
  const [row] = await d.insert(streamDestinations).values(values).onConflictDoNothing({ target: streamDestinations.clientId }).returning();
  if (row) return row;
  const [existing] = await d.select().from(streamDestinations).where(eq(streamDestinations.clientId, values.clientId));
  return existing!;
}

export async function findDestination(id: string): Promise<DestinationRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(streamDestinations).where(eq(streamDestinations.id, id));
  return row;
}

export async function listDestinations(sessionId: string): Promise<DestinationRow[]> {
  const d = await db();
  return d.select().from(streamDestinations).where(eq(streamDestinations.sessionId, sessionId)).orderBy(streamDestinations.createdAt);
}

export async function deleteDestination(id: string): Promise<void> {
  const d = await db();
  await d.delete(streamDestinations).where(eq(streamDestinations.id, id));
}
