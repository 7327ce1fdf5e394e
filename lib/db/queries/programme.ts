import { and, asc, eq, ne } from 'drizzle-orm';
import { db } from '../client';
import { eventMembers, events, sessions, users } from '../schema';
import type { Executor } from './executor';

export type EventRow = typeof events.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type MemberRow = typeof eventMembers.$inferSelect;

export async function findEventBySlug(slug: string): Promise<EventRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(events).where(eq(events.slug, slug));
  return row;
}

export async function findEventById(id: string): Promise<EventRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(events).where(eq(events.id, id));
  return row;
}

export async function findEventByCode(code: string): Promise<EventRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(events).where(eq(events.joinCode, code.trim().toUpperCase()));
  return row;
}

/**
 * A person's membership row, as data: someone else's (the person assigned,
 * moved, named as interpreter…). The caller's own standing, which decides what
 * they may do, comes from lib/services/authorize.ts (one query, `findActor`).
 */
export async function findMembership(eventId: string, userId: string): Promise<MemberRow | undefined> {
  const d = await db();
  const [row] = await d
    .select()
    .from(eventMembers)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)));
  return row;
}

export async function listEventsForUser(userId: string) {
  const d = await db();
  return d
    .select({ event: events, role: eventMembers.role, attendanceMode: eventMembers.attendanceMode })
    .from(eventMembers)
    .innerJoin(events, eq(events.id, eventMembers.eventId))
    .where(eq(eventMembers.userId, userId))
    .orderBy(asc(events.startDate));
}

export async function listSessions(eventId: string): Promise<SessionRow[]> {
  const d = await db();
  return d.select().from(sessions).where(eq(sessions.eventId, eventId)).orderBy(asc(sessions.startsAt), asc(sessions.title));
}

export async function findSession(sessionId: string): Promise<{ session: SessionRow; event: EventRow } | undefined> {
  const d = await db();
  const [row] = await d
    .select({ session: sessions, event: events })
    .from(sessions)
    .innerJoin(events, eq(events.id, sessions.eventId))
    .where(eq(sessions.id, sessionId));
  return row;
}

export async function listMembers(eventId: string) {
  const d = await db();
  return d
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      isGuest: users.isGuest,
      hasAccount: users.passwordHash,
      role: eventMembers.role,
      attendanceMode: eventMembers.attendanceMode,
      country: eventMembers.country,
      organisation: eventMembers.organisation,
    })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(eq(eventMembers.eventId, eventId))
    .orderBy(asc(users.name));
}

/** Inserts an event; undefined when its slug or join code is taken (the caller retries with others). */
export async function insertEvent(tx: Executor, values: typeof events.$inferInsert): Promise<EventRow | undefined> {
  const [event] = await tx.insert(events).values(values).onConflictDoNothing().returning();
  return event;
}

export async function updateEventRow(id: string, values: Partial<typeof events.$inferInsert>): Promise<EventRow | undefined> {
  const d = await db();
  const [row] = await d.update(events).set(values).where(eq(events.id, id)).returning();
  return row;
}

export async function insertSession(values: typeof sessions.$inferInsert): Promise<SessionRow> {
  const d = await db();
  const [row] = await d.insert(sessions).values(values).returning();
  return row!;
}

export async function updateSessionRow(id: string, values: Partial<typeof sessions.$inferInsert>): Promise<SessionRow | undefined> {
  const d = await db();
  const [row] = await d.update(sessions).set(values).where(eq(sessions.id, id)).returning();
  return row;
}

/** Deletes a session of this event (a session id of another event deletes nothing). */
export async function deleteSessionRow(eventId: string, id: string): Promise<void> {
  const d = await db();
  await d.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.eventId, eventId)));
}

/** The distinct non-empty venue rooms of the event's sessions, by name. */
export async function venueRoomsOf(eventId: string): Promise<string[]> {
  const d = await db();
  const rows = await d
    .selectDistinct({ venueRoom: sessions.venueRoom })
    .from(sessions)
    .where(and(eq(sessions.eventId, eventId), ne(sessions.venueRoom, '')))
    .orderBy(asc(sessions.venueRoom));
  return rows.map((r) => r.venueRoom);
}
