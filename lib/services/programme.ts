import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { eventMembers, events, sessions } from '../db/schema';
import { findEventById, findSession, type EventRow, type SessionRow } from '../db/queries/programme';
import type { EventInput, SessionInput } from '../contracts/programme';
import type { LiveSession } from '../contracts/session-live';
import { zonedLocalToInstant } from '../domain/time';
import { DomainError, notFound } from '../errors';
import { authorize } from './authorize';
import { broadcast, rooms } from './broadcast';

// No 0/O/1/I: codes are read off a projector and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generateJoinCode(length = 6): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return base || 'event';
}

export async function createEvent(userId: string, input: EventInput): Promise<EventRow> {
  const d = await db();
  const base = slugify(input.title);
  // Slug and code are unique; retry on the rare collision rather than pre-checking (racy).
  for (let attempt = 0; attempt < 8; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${generateJoinCode(4).toLowerCase()}`;
    const created = await d.transaction(async (tx) => {
      const [event] = await tx
        .insert(events)
        .values({ ...input, slug, joinCode: generateJoinCode(), createdBy: userId })
        .onConflictDoNothing()
        .returning();
      if (!event) return undefined;
      await tx.insert(eventMembers).values({ eventId: event.id, userId, role: 'organizer', attendanceMode: 'in_person' });
      return event;
    });
    if (created) return created;
  }
  throw new DomainError('conflict', 'programme.noFreeAddress');
}

export async function updateEvent(userId: string, eventId: string, input: EventInput): Promise<EventRow> {
  await authorize(userId, eventId, 'event:edit');
  const d = await db();
  const [row] = await d.update(events).set(input).where(eq(events.id, eventId)).returning();
  if (!row) throw notFound('event');
  return row;
}

function sessionValues(event: EventRow, input: SessionInput) {
  return {
    ...input,
    startsAt: zonedLocalToInstant(input.startsAt, event.timeZone),
    endsAt: zonedLocalToInstant(input.endsAt, event.timeZone),
  };
}

export function toLiveSession(s: SessionRow): LiveSession {
  return { ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() };
}

function announce(s: SessionRow) {
  broadcast([rooms.event(s.eventId), rooms.session(s.id)], 'session:updated', toLiveSession(s));
}

export async function createSession(userId: string, eventId: string, input: SessionInput): Promise<SessionRow> {
  await authorize(userId, eventId, 'session:edit');
  const event = await findEventById(eventId);
  if (!event) throw notFound('event');
  const d = await db();
  const [row] = await d.insert(sessions).values({ eventId, ...sessionValues(event, input) }).returning();
  return row!;
}

export async function updateSession(userId: string, sessionId: string, input: SessionInput): Promise<SessionRow> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  await authorize(userId, found.event.id, 'session:edit');
  const d = await db();
  const [row] = await d.update(sessions).set(sessionValues(found.event, input)).where(eq(sessions.id, sessionId)).returning();
  announce(row!);
  return row!;
}

export async function patchSession(
  userId: string,
  sessionId: string,
  patch: Partial<Pick<SessionRow, 'title' | 'description' | 'venueRoom' | 'liveMode'>>,
): Promise<SessionRow> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  await authorize(userId, found.event.id, 'session:edit');
  const d = await db();
  const [row] = await d.update(sessions).set(patch).where(eq(sessions.id, sessionId)).returning();
  announce(row!);
  return row!;
}

export async function deleteSession(userId: string, eventId: string, sessionId: string): Promise<void> {
  await authorize(userId, eventId, 'session:edit');
  const d = await db();
  await d.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.eventId, eventId)));
}
