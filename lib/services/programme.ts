import { rooms } from '../realtime/rooms';
import { randomInt } from 'node:crypto';
import { db } from '../db/client';
import {
  deleteSessionRow,
  findEventById,
  findSession,
  insertEvent,
  insertSession,
  listSessions,
  updateEventRow,
  updateSessionRow,
  type EventRow,
  type SessionRow,
} from '../db/queries/programme';
import { insertMember } from '../db/queries/members';
import type { EventInput, SessionInput } from '../contracts/programme';
import type { LiveSession } from '../contracts/session-live';
import { sessionToLandOn, zonedLocalToInstant } from '../domain/time';
import { DomainError, notFound } from '../errors';
import { authorize } from './authorize';
import { broadcast } from './broadcast';

// No 0/O/1/I: codes are read off a projector and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// Ten characters of 32: about 10^15 codes, beyond reach at the throttled rate of guesses (BALAI_LIMIT_JOIN_IP).
export function generateJoinCode(length = 10): string {
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
      const event = await insertEvent(tx, { ...input, slug, joinCode: generateJoinCode(), createdBy: userId });
      if (!event) return undefined;
      await insertMember(tx, { eventId: event.id, userId, role: 'organizer', attendanceMode: 'in_person' });
      return event;
    });
    if (created) return created;
  }
  throw new DomainError('conflict', 'programme.noFreeAddress');
}

export async function updateEvent(userId: string, eventId: string, input: EventInput): Promise<EventRow> {
  await authorize(userId, eventId, 'event:edit');
  const row = await updateEventRow(eventId, input);
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

// To the people in the session: the page showing it listens for its own session only, and a notice to
// everyone in the event would cost every idle socket of it one more room.
function announce(s: SessionRow) {
  broadcast([rooms.session(s.id)], 'session:updated', toLiveSession(s));
}

export async function createSession(userId: string, eventId: string, input: SessionInput): Promise<SessionRow> {
  await authorize(userId, eventId, 'session:edit');
  const event = await findEventById(eventId);
  if (!event) throw notFound('event');
  return insertSession({ eventId, ...sessionValues(event, input) });
}

export async function updateSession(userId: string, sessionId: string, input: SessionInput): Promise<SessionRow> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  await authorize(userId, found.event.id, 'session:edit');
  const row = await updateSessionRow(sessionId, sessionValues(found.event, input));
  announce(row!);
  return row!;
}

export async function patchSession(
  userId: string,
  sessionId: string,
  patch: Partial<Pick<SessionRow, 'title' | 'description' | 'venueRoom' | 'liveMode'>>,
): Promise<SessionRow> {
  await authorize(userId, { kind: 'session', id: sessionId }, 'session:edit', { missing: () => notFound('session') });
  return applySessionPatch(sessionId, patch);
}

/** For a caller whose `session:edit` was checked already (the realtime pipeline). */
export async function applySessionPatch(sessionId: string, patch: Partial<Pick<SessionRow, 'title' | 'description' | 'venueRoom' | 'liveMode'>>): Promise<SessionRow> {
  const row = await updateSessionRow(sessionId, patch);
  announce(row!);
  return row!;
}

export async function deleteSession(userId: string, eventId: string, sessionId: string): Promise<void> {
  await authorize(userId, eventId, 'session:edit');
  await deleteSessionRow(eventId, sessionId);
}

/**
 * Where a member who has just joined by the event code goes: while a session
 * runs, its phone Q&A page (the same place as the hall's QR code); otherwise
 * the event's programme.
 */
export async function landingAfterJoin(event: Pick<EventRow, 'id' | 'slug'>, now = new Date()): Promise<string> {
  const live = sessionToLandOn(await listSessions(event.id), now);
  return live ? `/q/${live.id}` : `/events/${event.slug}`;
}
