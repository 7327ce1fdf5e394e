import type { ClientEventName, ParsedClientPayload } from '../../lib/contracts/realtime';
import type { ActorRow, ActorScope } from '../../lib/db/queries/actor';
import { findStanding, SCOPE_NOT_FOUND, type Refusals as HttpRefusals } from '../../lib/services/authorize';
import { can, PERMISSIONS, type Action } from '../../lib/domain/permissions';
import type { MemberActor } from '../../lib/domain/actor';
import type { AttendanceMode, Role } from '../../lib/domain/roles';
import { intern } from '../../lib/realtime/intern';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import type { BalaiSocket } from './handler';

/**
 * The permission step of the request pipeline (server/realtime/handler.ts):
 * each request declares where it acts and what it needs, the pipeline finds
 * the caller's actor there once (one query, cached on the socket), checks
 * `can()` and gives the handler the actor. Handlers do not look roles up.
 */

/** Which payload field names the thing a request acts on. */
const SCOPE_KEYS = {
  event: 'eventId',
  session: 'sessionId',
  question: 'questionId',
  poll: 'pollId',
  plan: 'planId',
  run: 'runId',
  room: 'roomId',
  message: 'messageId',
  link: 'linkId',
  recording: 'recordingId',
  destination: 'destinationId',
  help: 'requestId',
} as const;
type KeyedScope = keyof typeof SCOPE_KEYS;

/** The scopes a payload can name: those whose field it has. */
type ScopesOf<P> = { [S in KeyedScope]: (typeof SCOPE_KEYS)[S] extends keyof P ? S : never }[KeyedScope];

/**
 * What the caller is told when refused, as on the HTTP side; the socket defaults: a missing thing is
 * not_found of its scope, a non-member forbidden ("not a member"), a role without the action forbidden.
 * A handler that hides existence says `not_found`.
 */
export interface Refusals extends HttpRefusals {
  /** Scope `live` on a socket in no live room (default: conflict, "join the call first"). */
  notJoined?: () => DomainError;
}

/**
 * A request inside an event: `scope` names the payload field it acts on
 * (`live`: the session of the live media room this socket is in), `action` the row of the
 * permission table the caller's role must have there.
 */
export type ScopedDeclaration<K extends ClientEventName> = Refusals & { action: Action } & (
  | { scope: ScopesOf<ParsedClientPayload<K>> | 'live'; field?: never }
  /** The payload field naming the thing, when it is not the scope's usual one (`sourceId` of a merge). */
  | { scope: KeyedScope; field: keyof ParsedClientPayload<K> & string }
);
/**
 * A request that needs no role, said explicitly: `self` acts only on the
 * caller's own socket or account (leaving a room, one's own presence);
 * `none` on nothing anyone's role guards (a display link's own socket).
 */
export interface UnscopedDeclaration {
  scope: 'self' | 'none';
}

export type Declaration<K extends ClientEventName> = ScopedDeclaration<K> | UnscopedDeclaration;

/** A declaration as the pipeline reads it at run time, whatever request it belongs to. */
export interface AnyDeclaration extends Refusals {
  scope: KeyedScope | 'live' | 'self' | 'none';
  action?: Action;
  field?: string;
}
type ScopedAny = AnyDeclaration & { scope: KeyedScope | 'live'; action: Action };

/** The caller's standing where the request acts, as the handler receives it. */
export type RequestActor = MemberActor;

const SCOPES = new Set<string>([...Object.keys(SCOPE_KEYS), 'live', 'self', 'none']);

/** The declaration of a request that enters a session (presence, media, recording indicator): a refusal says "not a member"; the lobby is checked after. */
export const ENTRY = { scope: 'session', action: 'session:join', denied: () => forbidden('general.notMember') } as const;

/**
 * An event-wide action refused as lib/services/authorize refuses it: an
 * unknown event, a non-member and a role without the action all get
 * `forbidden` (nothing tells whether the event exists).
 */
export const inEvent = (action: Action) => ({ scope: 'event', action, missing: () => forbidden(), nonMember: () => forbidden() }) as const;

/** Which session the socket's live media room belongs to: told by server/realtime/media.ts (the media rooms live there). */
let liveSessionOf: ((socket: BalaiSocket) => string | undefined) | undefined;
export function setLiveSessionResolver(resolve: (socket: BalaiSocket) => string | undefined): void {
  liveSessionOf = resolve;
}

/** A projector's requests: its authority is the display link the handshake checked, for one session; no person, no role. */
export const DISPLAY_LINK = { scope: 'none' } as const;

/** A registration without a declaration, or with one the table does not know, fails at start-up. */
export function assertDeclared(name: string, declared: unknown): void {
  if (typeof declared !== 'object' || declared === null) throw new Error(`${name}: a request must declare its scope and action`);
  const { scope, action } = declared as { scope?: unknown; action?: unknown };
  if (typeof scope !== 'string' || !SCOPES.has(scope)) throw new Error(`${name}: unknown scope ${String(scope)}`);
  if (scope === 'self' || scope === 'none') {
    if (action !== undefined) throw new Error(`${name}: scope ${scope} takes no action`);
    return;
  }
  if (typeof action !== 'string' || !(action in PERMISSIONS)) throw new Error(`${name}: scope ${scope} needs an action of the permission table`);
}

// Where a question, poll, plan or breakout room sits never changes: learnt once per process, so
// the per-socket cache is keyed by session (or event) and one actor serves every question in it.
const places = new Map<string, { eventId: string; sessionId: string | null }>();
const MAX_PLACES = 20_000;
function remember(key: string, place: { eventId: string; sessionId: string | null }) {
  if (places.size >= MAX_PLACES) places.clear();
  places.set(key, place);
}

// The actor cache: a few entries per socket, dropped when the person's role or
// membership changes (invalidateActors, told by every process) and after a
// minute at most. Only members are cached: joining an event needs no notice.
const MAX_ENTRIES = 4;
const FRESH_MS = 60_000;

/**
 * A person's standing without the person: the same for everyone of one role,
 * attendance mode, country and organisation in one place, so the sockets of a
 * hall of participants share a handful of these instead of holding a copy each
 * (an idle joined socket's weight is what limits how many one process holds).
 */
type Standing = Omit<RequestActor, 'userId'>;
const standings = new Map<string, Standing>();
const MAX_STANDINGS = 20_000;
function standing(row: ActorRow & { role: Role; attendanceMode: AttendanceMode }): Standing {
  const key = JSON.stringify([row.eventId, row.sessionId, row.role, row.attendanceMode, row.country, row.organisation]);
  let kept = standings.get(key);
  if (!kept) {
    if (standings.size >= MAX_STANDINGS) standings.clear();
    kept = { eventId: intern(row.eventId), sessionId: row.sessionId && intern(row.sessionId), role: intern(row.role), attendanceMode: intern(row.attendanceMode), country: row.country && intern(row.country), organisation: intern(row.organisation ?? '') };
    standings.set(key, kept);
  }
  return kept;
}

/** One cached standing, linked to the socket's next one (a socket usually has one: no array per socket). */
interface Cached {
  epoch: number;
  until: number;
  standing: Standing;
  next?: Cached;
}
const cache = new WeakMap<BalaiSocket, Cached>();
const cachedHere = (entry: Cached, scope: ActorScope) =>
  scope.kind === 'session' ? entry.standing.sessionId === scope.id : scope.kind === 'event' && entry.standing.sessionId === null && entry.standing.eventId === scope.id;
const sameHome = (a: Standing, b: Standing) => a.sessionId === b.sessionId && a.eventId === b.eventId;
function* entriesOf(socket: BalaiSocket): Generator<Cached> {
  for (let e = cache.get(socket); e; e = e.next) yield e;
}
/**
 * Per Socket.IO server, when each person last changed: a cached actor from
 * before it is stale. Kept per server (not per module) so two servers in one
 * process, as the tests run them, each learn of a change only as separate
 * processes would: through the realtime bus.
 */
interface Changes {
  changedAt: Map<string, number>;
  epoch: number;
  /** Everything older than this is stale (raised when `changedAt` is trimmed). */
  floor: number;
}
const changes = new WeakMap<object, Changes>();
function changesOf(io: object): Changes {
  let c = changes.get(io);
  if (!c) changes.set(io, (c = { changedAt: new Map(), epoch: 0, floor: 0 }));
  return c;
}
const serverOf = (socket: BalaiSocket): object => socket.nsp.server;

/** A person's role or membership changed: the actors cached on this server's sockets of theirs are dropped. */
export function invalidateActors(io: object, userId: string): void {
  const c = changesOf(io);
  c.epoch += 1;
  if (c.changedAt.size >= 10_000) {
    c.changedAt.clear();
    c.floor = c.epoch;
  }
  c.changedAt.set(userId, c.epoch);
}

function stale(c: Changes, entry: Cached, userId: string): boolean {
  return entry.epoch < c.floor || entry.epoch < (c.changedAt.get(userId) ?? 0) || entry.until < Date.now();
}

function scopeOf(socket: BalaiSocket, declared: ScopedAny, payload: unknown): ActorScope | undefined {
  if (declared.scope === 'live') {
    const sessionId = liveSessionOf?.(socket);
    return sessionId ? { kind: 'session', id: sessionId } : undefined;
  }
  const id = (payload as Record<string, unknown>)[declared.field ?? SCOPE_KEYS[declared.scope]];
  return { kind: declared.scope, id: typeof id === 'string' ? id : '' };
}

/**
 * The reads in flight per socket: requests of one socket that need the same
 * actor at once wait for one read, and so go on in the order they arrived
 * (a vote, unvote and vote sent together must reach the vote batch in that order).
 */
const reading = new WeakMap<BalaiSocket, Map<string, Promise<ActorRow | undefined>>>();
function lookUp(socket: BalaiSocket, key: string, userId: string, scope: ActorScope): Promise<ActorRow | undefined> {
  let mine = reading.get(socket);
  const pending = mine?.get(key);
  if (pending) return pending;
  const read = findStanding(userId, scope);
  if (!mine) reading.set(socket, (mine = new Map()));
  const table = mine;
  table.set(key, read);
  const done = () => {
    table.delete(key);
    if (!table.size) reading.delete(socket);
  };
  read.then(done, done);
  return read;
}

async function actorIn(socket: BalaiSocket, named: ActorScope, refusals: Refusals): Promise<RequestActor> {
  const userId = socket.data.userId;
  const place = named.kind === 'session' || named.kind === 'event' ? undefined : places.get(`${named.kind}:${named.id}`);
  const scope: ActorScope = place ? (place.sessionId ? { kind: 'session', id: place.sessionId } : { kind: 'event', id: place.eventId }) : named;
  const c = changesOf(serverOf(socket));
  for (const e of entriesOf(socket)) {
    if (cachedHere(e, scope) && !stale(c, e, userId)) return { userId, ...e.standing };
  }
  const started = c.epoch;
  const row = await lookUp(socket, `${scope.kind}/${scope.id}`, userId, scope);
  if (!row) throw refusals.missing?.() ?? notFound(SCOPE_NOT_FOUND[named.kind]);
  if (!place && named.kind !== 'session' && named.kind !== 'event') remember(`${named.kind}:${named.id}`, { eventId: row.eventId, sessionId: row.sessionId });
  if (!row.role || !row.attendanceMode) throw refusals.nonMember?.() ?? forbidden('general.notMember');
  const mine = standing({ ...row, role: row.role, attendanceMode: row.attendanceMode });
  // Cached under the session (or event) it resolved to, whatever the payload named; stamped with the
  // epoch from before the read: a change announced while it ran makes it stale at once.
  // (`next` is in every literal: added later it would give each entry a property array of its own.)
  const kept: Cached[] = [{ epoch: started, until: Date.now() + FRESH_MS, standing: mine, next: undefined }];
  for (const e of entriesOf(socket)) if (!sameHome(e.standing, mine) && !stale(c, e, userId) && kept.length < MAX_ENTRIES) kept.push({ epoch: e.epoch, until: e.until, standing: e.standing, next: undefined });
  kept.reduceRight<Cached | undefined>((next, e) => ((e.next = next), e), undefined);
  cache.set(socket, kept[0]!);
  return { userId, ...mine };
}

/**
 * The permission step: undefined for a request that needs no role, else the
 * caller's actor where the request acts, once `can()` allowed the action.
 * Throws the refusal the declaration chose.
 */
export async function authorizeRequest(socket: BalaiSocket, declared: AnyDeclaration, payload: unknown): Promise<RequestActor | undefined> {
  if (declared.scope === 'self' || declared.scope === 'none') return undefined;
  const scoped = declared as ScopedAny;
  const scope = scopeOf(socket, scoped, payload);
  if (!scope) throw scoped.notJoined?.() ?? new DomainError('conflict', 'media.joinFirst');
  const actor = await actorIn(socket, scope, scoped);
  if (!can(actor, scoped.action)) throw scoped.denied?.() ?? forbidden();
  return actor;
}

/**
 * The caller's actor in a second place a request names (the target session of
 * a poll copy): the same cache and query as the declared scope, and the same
 * refusals for a missing place or a non-member.
 */
export function actorAt(socket: BalaiSocket, scope: ActorScope, refusals: Refusals = {}): Promise<RequestActor> {
  return actorIn(socket, scope, refusals);
}
