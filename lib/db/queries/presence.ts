import { and, eq, isNull, notInArray } from 'drizzle-orm';
import type { Peer } from '../../contracts/presence';
import { db } from '../client';
import { attendanceIntervals, eventMembers, users } from '../schema';

/**
 * Who the database says is in a session: the open attendance intervals (one
 * per live connection, closed on leaving, and by the node reaper when a node
 * dies), minus the connections the caller already knows. Used when some node
 * does not answer a presence query.
 */
export async function openPresence(sessionId: string, exceptConnections: string[]): Promise<Peer[]> {
  const d = await db();
  const rows = await d
    .select({
      userId: attendanceIntervals.userId,
      name: users.name,
      role: eventMembers.role,
      attendanceMode: eventMembers.attendanceMode,
      country: eventMembers.country,
      organisation: eventMembers.organisation,
    })
    .from(attendanceIntervals)
    .innerJoin(eventMembers, and(eq(eventMembers.eventId, attendanceIntervals.eventId), eq(eventMembers.userId, attendanceIntervals.userId)))
    .innerJoin(users, eq(users.id, attendanceIntervals.userId))
    .where(
      and(
        eq(attendanceIntervals.sessionId, sessionId),
        isNull(attendanceIntervals.leftAt),
        exceptConnections.length ? notInArray(attendanceIntervals.connectionId, exceptConnections) : undefined,
      ),
    );
  return rows.map((r) => ({ ...r, name: r.name ?? '' }));
}
