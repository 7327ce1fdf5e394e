import { eq } from 'drizzle-orm';
import { db } from '../client';
import { events, registrationLinks } from '../schema';
import type { Executor } from './executor';

// The event's open registration link. Who registered through it is in ./members (member_details).

export type RegistrationLinkRow = typeof registrationLinks.$inferSelect;

export async function findRegistrationLink(eventId: string): Promise<RegistrationLinkRow | undefined> {
  const d = await db();
  const [link] = await d.select().from(registrationLinks).where(eq(registrationLinks.eventId, eventId));
  return link;
}

/** Creates the event's link with `token`, or changes its capacity, closing time and state (the token stays). */
export async function saveRegistrationLinkRow(
  eventId: string,
  token: string,
  values: Pick<RegistrationLinkRow, 'capacity' | 'closesAt' | 'open'>,
): Promise<void> {
  const d = await db();
  await d
    .insert(registrationLinks)
    .values({ eventId, token, capacity: values.capacity, closesAt: values.closesAt, open: values.open })
    .onConflictDoUpdate({ target: registrationLinks.eventId, set: { capacity: values.capacity, closesAt: values.closesAt, open: values.open, updatedAt: new Date() } });
}

/** The link a token names, with its event. */
export async function findRegistrationLinkByToken(token: string) {
  const d = await db();
  const [row] = await d
    .select({ link: registrationLinks, event: events })
    .from(registrationLinks)
    .innerJoin(events, eq(events.id, registrationLinks.eventId))
    .where(eq(registrationLinks.token, token));
  return row;
}

/** The same, with the link row locked for the transaction: two people taking the last place take turns. */
export async function lockRegistrationLinkByToken(tx: Executor, token: string) {
  const [row] = await tx
    .select({ link: registrationLinks, event: events })
    .from(registrationLinks)
    .innerJoin(events, eq(events.id, registrationLinks.eventId))
    .where(eq(registrationLinks.token, token))
    .for('update', { of: registrationLinks });
  return row;
}
