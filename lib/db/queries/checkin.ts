import { and, desc, eq, lte, ne } from 'drizzle-orm';
import { db } from '../client';
import { checkinScans, checkins, eventMembers, events, roomScans } from '../schema';
import type { Executor } from './executor';

// Entrance check-ins (one per person and day), every scan as it was answered, and room-door scans.

/** Who checked in on `day` (the event's local date), and when. */
export async function checkinsOn(eventId: string, day: string) {
  const d = await db();
  return d
    .select({ userId: checkins.userId, at: checkins.checkedInAt })
    .from(checkins)
    .where(and(eq(checkins.eventId, eventId), eq(checkins.day, day)));
}

/** Every membership outside one event, with the event's title (to tell which event issued a code). */
export async function membershipsOutside(eventId: string) {
  const d = await db();
  return d
    .select({ eventId: eventMembers.eventId, userId: eventMembers.userId, title: events.title })
    .from(eventMembers)
    .innerJoin(events, eq(events.id, eventMembers.eventId))
    .where(ne(eventMembers.eventId, eventId));
}

/** The person's last room scan at or before `at` (a queued scan may arrive after later ones). */
export async function lastRoomScanBefore(ex: Executor, eventId: string, userId: string, at: Date) {
  const [row] = await ex
    .select({ venueRoom: roomScans.venueRoom, scannedAt: roomScans.scannedAt })
    .from(roomScans)
    .where(and(eq(roomScans.eventId, eventId), eq(roomScans.userId, userId), lte(roomScans.scannedAt, at)))
    .orderBy(desc(roomScans.scannedAt))
    .limit(1);
  return row;
}

/** Records a scan under the phone's scan id; false when that id was recorded already (a second delivery). */
export async function insertScan(tx: Executor, values: typeof checkinScans.$inferInsert): Promise<boolean> {
  const [fresh] = await tx.insert(checkinScans).values(values).onConflictDoNothing().returning({ id: checkinScans.id });
  return !!fresh;
}

/** Locks the person's membership row: two phones scanning the same person at once take turns. */
export async function lockMember(tx: Executor, eventId: string, userId: string): Promise<void> {
  await tx
    .select({ userId: eventMembers.userId })
    .from(eventMembers)
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId)))
    .for('update');
}

/** Checks a person in for the day; the time, or undefined when they were checked in already that day. */
export async function insertCheckin(tx: Executor, values: typeof checkins.$inferInsert): Promise<Date | undefined> {
  const [created] = await tx.insert(checkins).values(values).onConflictDoNothing().returning({ at: checkins.checkedInAt });
  return created?.at;
}

/** A person's check-in of one day (its id is the scan id that made it). */
export async function checkinOf(ex: Executor, eventId: string, userId: string, day: string) {
  const [row] = await ex
    .select({ id: checkins.id, at: checkins.checkedInAt })
    .from(checkins)
    .where(and(eq(checkins.eventId, eventId), eq(checkins.userId, userId), eq(checkins.day, day)));
  return row;
}

export async function setScanOutcome(tx: Executor, scanId: string, outcome: (typeof checkinScans.$inferInsert)['outcome']): Promise<void> {
  await tx.update(checkinScans).set({ outcome }).where(eq(checkinScans.id, scanId));
}

export async function insertRoomScan(tx: Executor, values: typeof roomScans.$inferInsert): Promise<void> {
  await tx.insert(roomScans).values(values);
}

export async function findScan(scanId: string) {
  const d = await db();
  const [stored] = await d.select().from(checkinScans).where(eq(checkinScans.id, scanId));
  return stored;
}
