import { and, asc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { db, type Db } from '../client';
import { breakoutCohorts, breakoutHelpRequests, breakoutMessages, breakoutRooms, breakoutRuns, users } from '../schema';
import type { RoomRow } from './breakouts';

/* What happens inside a breakout room: help requests, chat and the shared notes (the room's, or its cohort's). */

// ---- help requests ----

/** A help request; false when its id exists already (a retry, or someone else's id). */
export async function insertHelpRequest(values: { id: string; runId: string; roomId: string; userId: string; message: string }): Promise<boolean> {
  const d = await db();
  const inserted = await d.insert(breakoutHelpRequests).values(values).onConflictDoNothing().returning({ id: breakoutHelpRequests.id });
  return inserted.length > 0;
}

export async function findHelpRequest(requestId: string) {
  const d = await db();
  const [row] = await d.select().from(breakoutHelpRequests).where(eq(breakoutHelpRequests.id, requestId));
  return row;
}

/** Marks a request resolved, once (resolving it again keeps the first resolver). */
export async function resolveHelpRequest(requestId: string, userId: string, at = new Date()): Promise<void> {
  const d = await db();
  await d
    .update(breakoutHelpRequests)
    .set({ resolvedAt: at, resolvedBy: userId })
    .where(and(eq(breakoutHelpRequests.id, requestId), isNull(breakoutHelpRequests.resolvedAt)));
}

/** A run's unresolved requests with the room's and the asker's names, oldest first. */
export async function unresolvedHelpRequests(runId: string) {
  const d = await db();
  return d
    .select({
      id: breakoutHelpRequests.id,
      roomId: breakoutHelpRequests.roomId,
      roomName: breakoutRooms.name,
      userId: breakoutHelpRequests.userId,
      name: users.name,
      message: breakoutHelpRequests.message,
      createdAt: breakoutHelpRequests.createdAt,
    })
    .from(breakoutHelpRequests)
    .innerJoin(breakoutRooms, eq(breakoutRooms.id, breakoutHelpRequests.roomId))
    .innerJoin(users, eq(users.id, breakoutHelpRequests.userId))
    .where(and(eq(breakoutHelpRequests.runId, runId), isNull(breakoutHelpRequests.resolvedAt)))
    .orderBy(asc(breakoutHelpRequests.createdAt));
}

// ---- chat ----

const messageColumns = {
  id: breakoutMessages.id,
  roomId: breakoutMessages.roomId,
  userId: breakoutMessages.userId,
  name: users.name,
  body: breakoutMessages.body,
  createdAt: breakoutMessages.createdAt,
};

/** A room's messages with their authors' names, oldest first, at most `limit`. */
export async function roomMessages(roomId: string, limit: number) {
  const d = await db();
  return d
    .select(messageColumns)
    .from(breakoutMessages)
    .innerJoin(users, eq(users.id, breakoutMessages.userId))
    .where(eq(breakoutMessages.roomId, roomId))
    .orderBy(asc(breakoutMessages.createdAt))
    .limit(limit);
}

/** A message; false when its browser id exists already (a retried send). */
export async function insertMessage(values: { roomId: string; userId: string; clientId: string; body: string }): Promise<boolean> {
  const d = await db();
  const inserted = await d.insert(breakoutMessages).values(values).onConflictDoNothing({ target: breakoutMessages.clientId }).returning({ id: breakoutMessages.id });
  return inserted.length > 0;
}

/** The message with this browser id, with its author's name. */
export async function messageByClientId(clientId: string) {
  const d = await db();
  const [row] = await d.select(messageColumns).from(breakoutMessages).innerJoin(users, eq(users.id, breakoutMessages.userId)).where(eq(breakoutMessages.clientId, clientId));
  return row;
}

// ---- shared notes ----

/** Saves a cohort's notes if nobody saved since `baseRev`; the new revision, or undefined. */
export async function saveCohortNotes(cohortId: string, notes: string, baseRev: number, userId: string): Promise<number | undefined> {
  const d = await db();
  const [row] = await d
    .update(breakoutCohorts)
    .set({ notes, notesRev: sql`${breakoutCohorts.notesRev} + 1`, notesUpdatedAt: new Date(), notesUpdatedBy: userId })
    .where(and(eq(breakoutCohorts.id, cohortId), eq(breakoutCohorts.notesRev, baseRev)))
    .returning({ rev: breakoutCohorts.notesRev });
  return row?.rev;
}

/** Saves a room's own notes (a room without a cohort) if nobody saved since `baseRev`; the new revision, or undefined. */
export async function saveRoomNotes(roomId: string, notes: string, baseRev: number): Promise<number | undefined> {
  const d = await db();
  const [row] = await d
    .update(breakoutRooms)
    .set({ notes, notesRev: sql`${breakoutRooms.notesRev} + 1` })
    .where(and(eq(breakoutRooms.id, roomId), eq(breakoutRooms.notesRev, baseRev)))
    .returning({ rev: breakoutRooms.notesRev });
  return row?.rev;
}

type Reader = Pick<Db, 'select'>;

/**
 * The shared notes of every room of the session's active run (from its cohort
 * when it has one), by room id: notes change without a run revision, so a push
 * reads them fresh.
 */
export async function roomNotesOfSession(sessionId: string, reader?: Reader): Promise<{ runId: string | null; notes: Map<string, { notes: string; notesRev: number }> }> {
  return roomNotes(eq(breakoutRuns.sessionId, sessionId), reader);
}

/** The shared notes of one run's rooms. */
export async function roomNotesOfRun(runId: string, reader?: Reader): Promise<Map<string, { notes: string; notesRev: number }>> {
  return (await roomNotes(eq(breakoutRuns.id, runId), reader)).notes;
}

async function roomNotes(which: SQL, reader?: Reader) {
  const d = reader ?? (await db());
  const rows = await d
    .select({ runId: breakoutRuns.id, id: breakoutRooms.id, notes: breakoutRooms.notes, notesRev: breakoutRooms.notesRev, cohortId: breakoutRooms.cohortId, cohortNotes: breakoutCohorts.notes, cohortNotesRev: breakoutCohorts.notesRev })
    .from(breakoutRuns)
    .innerJoin(breakoutRooms, eq(breakoutRooms.runId, breakoutRuns.id))
    .leftJoin(breakoutCohorts, eq(breakoutCohorts.id, breakoutRooms.cohortId))
    .where(and(which, ne(breakoutRuns.status, 'closed')));
  return {
    runId: rows[0]?.runId ?? null,
    notes: new Map(rows.map((r) => [r.id, r.cohortId ? { notes: r.cohortNotes ?? '', notesRev: r.cohortNotesRev ?? 0 } : { notes: r.notes, notesRev: r.notesRev }])),
  };
}

/** A room's shared notes now (the room's, or its cohort's): notes change without a run revision, so they are read fresh. */
export async function currentRoomNotes(room: RoomRow): Promise<{ notes: string; notesRev: number }> {
  const d = await db();
  if (!room.cohortId) {
    const [r] = await d.select({ notes: breakoutRooms.notes, notesRev: breakoutRooms.notesRev }).from(breakoutRooms).where(eq(breakoutRooms.id, room.id));
    return r ?? { notes: '', notesRev: 0 };
  }
  const [c] = await d.select({ notes: breakoutCohorts.notes, notesRev: breakoutCohorts.notesRev }).from(breakoutCohorts).where(eq(breakoutCohorts.id, room.cohortId));
  return c ?? { notes: '', notesRev: 0 };
}
