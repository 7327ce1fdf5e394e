import { and, asc, eq, ne } from 'drizzle-orm';
import { db } from '../db/client';
import { sessions } from '../db/schema';

/**
 * The doors a helper can scan at: the distinct non-empty venue rooms of the
 * event's sessions. A room is a name on the programme, not a table of its own,
 * so renaming a session's room changes the list.
 */
export async function eventRooms(eventId: string): Promise<string[]> {
  const d = await db();
  const rows = await d
    .selectDistinct({ venueRoom: sessions.venueRoom })
    .from(sessions)
    .where(and(eq(sessions.eventId, eventId), ne(sessions.venueRoom, '')))
    .orderBy(asc(sessions.venueRoom));
  return rows.map((r) => r.venueRoom);
}
