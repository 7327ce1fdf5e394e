import { findActor, type ActorRow, type ActorScope } from '../db/queries/actor';
import { can, type Action } from '../domain/permissions';
import type { MemberActor } from '../domain/actor';
import { DomainError, forbidden, notFound } from '../errors';
import { isUuid } from '../domain/ids';

/**
 * The caller's standing on the HTTP side (server actions, pages, route
 * handlers and the services they call): the same one query as the realtime
 * pipeline (`findActor`, server/realtime/pipeline.ts) and the same permission
 * table. Nothing else reads the caller's role (tests/unit/authorize-home.test.ts).
 */

/** Where the caller acts: an event id, or the thing a request names (a session, a plan, a display link…). */
export type Scope = string | ActorScope;

/** What the caller is told when refused. */
export interface Refusals {
  /** The thing named does not exist. */
  missing?: () => DomainError;
  /** The caller is no member of its event. */
  nonMember?: () => DomainError;
  /** A member whose role lacks the action. */
  denied?: () => DomainError;
}

/** The not_found of each kind of scope, as both the HTTP side and the realtime pipeline say it. */
export const SCOPE_NOT_FOUND = {
  event: 'event',
  session: 'session',
  question: 'question',
  poll: 'poll',
  plan: 'plan',
  run: 'breakout',
  room: 'room',
  message: 'message',
  link: 'displayLink',
  recording: 'recording',
  destination: 'destination',
  help: 'helpRequest',
} as const satisfies Record<ActorScope['kind'], string>;

const scopeOf = (scope: Scope): ActorScope => (typeof scope === 'string' ? { kind: 'event', id: scope } : scope);

/** `findActor` for ids as they come from outside: one that is no uuid names nothing. The realtime pipeline reads through it too. */
export async function findStanding(userId: string, scope: ActorScope): Promise<ActorRow | undefined> {
  return isUuid(scope.id) ? findActor(userId, scope) : undefined;
}

const isMember = (row: ActorRow): row is ActorRow & Pick<MemberActor, 'role' | 'attendanceMode'> => row.role !== null && row.attendanceMode !== null;

const toMember = (userId: string, row: ActorRow & Pick<MemberActor, 'role' | 'attendanceMode'>): MemberActor => ({
  userId,
  eventId: row.eventId,
  sessionId: row.sessionId,
  role: row.role,
  attendanceMode: row.attendanceMode,
  country: row.country,
  organisation: row.organisation ?? '',
});

/** The caller's standing where `scope` points, or undefined when the thing does not exist (no error to catch). */
export async function standingIn(userId: string, scope: Scope): Promise<ActorRow | undefined> {
  return findStanding(userId, scopeOf(scope));
}

/**
 * The caller's standing where `scope` points, whatever it is: `role` null when
 * they are no member. Throws `missing` (default: not_found of the scope) when
 * the thing does not exist. For callers that decide more than one action on it.
 */
export async function actorIn(userId: string, scope: Scope, missing?: () => DomainError): Promise<ActorRow> {
  const s = scopeOf(scope);
  const row = await findStanding(userId, s);
  if (!row) throw missing?.() ?? notFound(SCOPE_NOT_FOUND[s.kind]);
  return row;
}

/**
 * The caller's actor where `scope` points, once `can()` allowed `action`.
 * Refused, it throws: by default `forbidden` in every case, so a caller who
 * may not act does not learn whether the thing exists; one function stands for
 * every case, or `Refusals` tells the cases apart.
 */
export async function authorize(userId: string, scope: Scope, action: Action, refusal: (() => DomainError) | Refusals = {}): Promise<MemberActor> {
  const r: Refusals = typeof refusal === 'function' ? { missing: refusal, nonMember: refusal, denied: refusal } : refusal;
  const row = await findStanding(userId, scopeOf(scope));
  if (!row) throw r.missing?.() ?? forbidden();
  if (!isMember(row)) throw r.nonMember?.() ?? forbidden();
  if (!can(row, action)) throw r.denied?.() ?? forbidden();
  return toMember(userId, row);
}

/** For pages, which answer every refusal with one 404: the caller's actor if `action` is allowed, else undefined. */
export async function allowedActor(userId: string, scope: Scope, action: Action): Promise<MemberActor | undefined> {
  const row = await findStanding(userId, scopeOf(scope));
  return row && isMember(row) && can(row, action) ? toMember(userId, row) : undefined;
}
