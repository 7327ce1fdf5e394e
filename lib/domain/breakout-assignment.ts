import seedrandom from 'seedrandom';
import type { AttendanceMode, Role } from './roles';

/**
 * Splitting people into breakout rooms. Pure functions: the same people, room
 * count and seed always give the same groups (a moderator can re-run "balanced"
 * and get what the preview showed; tests can pin a seed).
 */

export const ASSIGNMENT_MODES = ['manual', 'random', 'balanced', 'self_select'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export interface Candidate {
  userId: string;
  /** ISO alpha-2, or null when unknown (treated as one more "country"). */
  country: string | null;
  organisation: string;
  attendanceMode: AttendanceMode;
}

/** Room index per person, in the order of the input. */
export type Groups = string[][];

const rng = (seed: string) => seedrandom(seed);

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function checkRoomCount(roomCount: number) {
  if (!Number.isInteger(roomCount) || roomCount < 1) throw new RangeError('At least one room is needed.');
}

/** Deals a sequence round-robin: sizes differ by at most one, and any run of consecutive people is spread evenly. */
function deal(people: readonly Candidate[], roomCount: number): Candidate[][] {
  const groups: Candidate[][] = Array.from({ length: roomCount }, () => []);
  people.forEach((p, i) => groups[i % roomCount]!.push(p));
  return groups;
}

export function assignRandom(people: readonly Candidate[], roomCount: number, seed: string): Groups {
  checkRoomCount(roomCount);
  return deal(shuffled(people, rng(`random:${seed}`)), roomCount).map((g) => g.map((p) => p.userId));
}

const countryKey = (p: Candidate) => p.country ?? '??';

/**
 * Balanced groups. Hard guarantees (the tests check them for many seeds):
 *  1. group sizes differ by at most one;
 *  2. for every country, the number of its people in any two groups differs by
 *     at most one (no group gets two from a country while another has none).
 * Then, without breaking either, swaps people of the same country between
 * groups to spread in-hall vs online and organisations as evenly as it can.
 */
export function assignBalanced(people: readonly Candidate[], roomCount: number, seed: string): Groups {
  checkRoomCount(roomCount);
  const random = rng(`balanced:${seed}`);
  // Countries as consecutive blocks (largest first, ties shuffled by the seed);
  // inside a block alternate in-hall and online, and organisations, so the deal spreads them too.
  const byCountry = new Map<string, Candidate[]>();
  for (const p of shuffled(people, random)) {
    const list = byCountry.get(countryKey(p)) ?? [];
    list.push(p);
    byCountry.set(countryKey(p), list);
  }
  const blocks = shuffled([...byCountry.values()], random).sort((a, b) => b.length - a.length);
  const sequence = blocks.flatMap(interleaveWithinCountry);
  // Rotate which room gets the first person, so the extra people don't always land in room 1.
  const offset = Math.floor(random() * roomCount);
  const groups: Candidate[][] = Array.from({ length: roomCount }, () => []);
  sequence.forEach((p, i) => groups[(i + offset) % roomCount]!.push(p));
  improveSecondaryBalance(groups);
  return groups.map((g) => g.map((p) => p.userId));
}

function interleaveWithinCountry(block: Candidate[]): Candidate[] {
  const modes = [block.filter((p) => p.attendanceMode === 'in_person'), block.filter((p) => p.attendanceMode === 'remote')].map(interleaveOrganisations);
  const [a, b] = modes[0]!.length >= modes[1]!.length ? modes : [modes[1]!, modes[0]!];
  const out: Candidate[] = [];
  for (let i = 0; i < a!.length; i++) {
    out.push(a![i]!);
    if (i < b!.length) out.push(b![i]!);
  }
  return out;
}

function interleaveOrganisations(list: Candidate[]): Candidate[] {
  const byOrg = new Map<string, Candidate[]>();
  for (const p of list) byOrg.set(p.organisation, [...(byOrg.get(p.organisation) ?? []), p]);
  const queues = [...byOrg.values()].sort((x, y) => y.length - x.length);
  const out: Candidate[] = [];
  while (out.length < list.length) for (const q of queues) if (q.length) out.push(q.shift()!);
  return out;
}

/**
 * A group's cost is the sum, over attribute values, of weight × (people with that value)²:
 * lower means more even across groups.
 */
// Large enough that no organisation gain can pay for a worse in-hall/online split.
const MODE_WEIGHT = 10_000;

/** The attribute values a person counts for: the attendance mode, and the organisation when given. */
function keysOf(p: Candidate): string[] {
  const org = p.organisation.trim().toLowerCase();
  return org ? [`m:${p.attendanceMode}`, `o:${org}`] : [`m:${p.attendanceMode}`];
}

// In-hall vs online weighs more than organisations: it decides whether a room needs a table laptop.
const weightOf = (key: string) => (key.startsWith('m:') ? MODE_WEIGHT : 1);

/**
 * Same-country swaps that lower the total cost, group pair by group pair,
 * until none helps (at most 8 rounds). Each candidate swap is priced from the
 * two groups' value counts, not by recounting the groups, and only people of
 * one country are paired: 500 people in 50 rooms would otherwise try about a
 * hundred thousand swaps a round. Opening the rooms waits for this, so values,
 * countries and kinds of person are numbered, the counts kept in one typed
 * array, and a pair of groups that had no helpful swap is not tried again
 * until one of the two changes (nothing else decides its swaps). The swaps
 * tried, their order and so the groups are those of the plain version.
 */
function improveSecondaryBalance(groups: Candidate[][]): void {
  const n = groups.length;
  if (n < 2) return;
  const ids = new Map<string, number>();
  const numbered = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const weights: number[] = [];
  const valueId = (key: string) => {
    const id = numbered(`v:${key}`);
    weights[id] = weightOf(key);
    return id;
  };
  // Per person (numbered in dealing order): their mode value, organisation value (-1: none), country,
  // and kind (mode and organisation as written: two people of one kind are never swapped).
  const modeOf: number[] = [];
  const orgOf: number[] = [];
  const countryOf: number[] = [];
  const kindOf: number[] = [];
  const people: Candidate[] = [];
  const members = groups.map((g) =>
    g.map((p) => {
      const [mode, org] = keysOf(p);
      people.push(p);
      modeOf.push(valueId(mode!));
      orgOf.push(org === undefined ? -1 : valueId(org));
      countryOf.push(numbered(`c:${countryKey(p)}`));
      kindOf.push(numbered(`k:${p.attendanceMode}:${p.organisation}`));
      return people.length - 1;
    }),
  );
  const v = ids.size;
  const counts = new Int32Array(n * v);
  members.forEach((g, a) => {
    for (const p of g) {
      counts[a * v + modeOf[p]!]!++;
      if (orgOf[p]! >= 0) counts[a * v + orgOf[p]!]!++;
    }
  });
  // (c-1)² - c² = 1 - 2c for the value that loses one; (c+1)² - c² = 1 + 2c for the one that gains.
  const delta = (base: number, out: number, into: number) => {
    if (out === into) return 0;
    let d = 0;
    if (out >= 0) d += weights[out]! * (1 - 2 * counts[base + out]!);
    if (into >= 0) d += weights[into]! * (1 + 2 * counts[base + into]!);
    return d;
  };
  /** How a group's cost changes when `out` leaves it and `into` joins: only their own values' counts move. */
  const swapDelta = (a: number, out: number, into: number) => delta(a * v, modeOf[out]!, modeOf[into]!) + delta(a * v, orgOf[out]!, orgOf[into]!);
  const move = (a: number, out: number, into: number) => {
    const base = a * v;
    counts[base + modeOf[out]!]!--;
    if (orgOf[out]! >= 0) counts[base + orgOf[out]!]!--;
    counts[base + modeOf[into]!]!++;
    if (orgOf[into]! >= 0) counts[base + orgOf[into]!]!++;
  };
  // Same-country swaps keep sizes and country counts exactly as dealt, and every place keeps its
  // country: which places of a group hold which country is known once.
  const places = members.map((g) => {
    const byCountry: number[][] = [];
    g.forEach((p, j) => (byCountry[countryOf[p]!] ??= []).push(j));
    return byCountry;
  });
  const none: number[] = [];
  // How often each group changed; a pair tried without any swap remembers both counts (-1: not yet).
  const changes = new Int32Array(n);
  const settled = new Int32Array(n * n * 2).fill(-1);
  for (let round = 0; round < 8; round++) {
    let improved = false;
    for (let a = 0; a < n; a++) {
      const ga = members[a]!;
      for (let b = a + 1; b < n; b++) {
        const pair = (a * n + b) * 2;
        if (settled[pair] === changes[a] && settled[pair + 1] === changes[b]) continue;
        const gb = members[b]!;
        const placesB = places[b]!;
        let swapped = false;
        for (let i = 0; i < ga.length; i++) {
          const same = placesB[countryOf[ga[i]!]!] ?? none;
          for (let k = 0; k < same.length; k++) {
            const j = same[k]!;
            const x = ga[i]!;
            const y = gb[j]!;
            if (kindOf[x] === kindOf[y]) continue;
            if (swapDelta(a, x, y) + swapDelta(b, y, x) < 0) {
              ga[i] = y;
              gb[j] = x;
              move(a, x, y);
              move(b, y, x);
              swapped = true;
            }
          }
        }
        if (swapped) {
          improved = true;
          changes[a]!++;
          changes[b]!++;
        } else {
          settled[pair] = changes[a]!;
          settled[pair + 1] = changes[b]!;
        }
      }
    }
    if (!improved) break;
  }
  members.forEach((g, a) => (groups[a] = g.map((p) => people[p]!)));
}

/** Manual assignment as given by the moderator; people not listed stay unassigned (they choose or get placed later). */
export function assignManual(people: readonly Candidate[], roomCount: number, chosen: ReadonlyMap<string, number>): Groups {
  checkRoomCount(roomCount);
  const groups: Groups = Array.from({ length: roomCount }, () => []);
  const known = new Set(people.map((p) => p.userId));
  for (const [userId, room] of chosen) {
    if (!known.has(userId)) throw new RangeError(`Unknown person ${userId}.`);
    if (!Number.isInteger(room) || room < 0 || room >= roomCount) throw new RangeError(`No room ${room + 1}.`);
    groups[room]!.push(userId);
  }
  return groups;
}

/** Groups for a mode. Self-select starts empty: participants choose, up to each room's capacity. */
export function assign(mode: AssignmentMode, people: readonly Candidate[], roomCount: number, seed: string, manual: ReadonlyMap<string, number> = new Map()): Groups {
  switch (mode) {
    case 'random':
      return assignRandom(people, roomCount, seed);
    case 'balanced':
      return assignBalanced(people, roomCount, seed);
    case 'manual':
      return assignManual(people, roomCount, manual);
    case 'self_select':
      checkRoomCount(roomCount);
      return Array.from({ length: roomCount }, () => []);
  }
}

/** What the opening and late placement need to know about a person besides their attributes. */
export interface Arrival {
  userId: string;
  role: Role;
  /** Connected as the hall device (the venue laptop that films the hall and plays the room). */
  hallDevice: boolean;
}

/**
 * Whether the run may put this person in a room by itself. Only participants:
 * presenters, moderators and organizers run the session and stay in the main
 * room, and a hall device must keep showing the hall, unless a moderator
 * chooses them explicitly (manual assignment or a cohort).
 */
export function placedAutomatically(p: Pick<Arrival, 'role' | 'hallDevice'>): boolean {
  return p.role === 'participant' && !p.hallDevice;
}

/**
 * Who the mode assigns when rooms open: people placed automatically who are
 * present now and not assigned explicitly. Everyone else who may be placed
 * gets a room when they arrive (placeLateJoiner), so nobody absent fills a
 * place in a room of people waiting for them.
 */
export function assignedAtOpening<T extends Arrival>(people: readonly T[], present: ReadonlySet<string>, explicit: ReadonlySet<string>): T[] {
  return people.filter((p) => !explicit.has(p.userId) && present.has(p.userId) && placedAutomatically(p));
}

/** Whether a person may choose a room in self-select: it has a free place. */
export function hasRoomFor(currentSize: number, capacity: number | null): boolean {
  return capacity === null || currentSize < capacity;
}

/**
 * Where someone who arrives after the rooms opened goes, by the run's mode.
 * Random/manual: the smallest room. Balanced: the smallest rooms first, then
 * the one with fewest people from their country, then of their attendance mode,
 * then of their organisation. Self-select: nowhere, they choose. Ties go to the
 * lowest room index, so every server process answers the same.
 */
export function placeLateJoiner(mode: AssignmentMode, rooms: readonly (readonly Candidate[])[], person: Candidate, capacities: readonly (number | null)[] = []): number | null {
  if (mode === 'self_select' || rooms.length === 0) return null;
  const score = (room: readonly Candidate[]) => {
    const size = room.length;
    if (mode !== 'balanced') return [size];
    return [
      size,
      room.filter((p) => countryKey(p) === countryKey(person)).length,
      room.filter((p) => p.attendanceMode === person.attendanceMode).length,
      room.filter((p) => person.organisation !== '' && p.organisation === person.organisation).length,
    ];
  };
  let best: number | null = null;
  let bestScore: number[] = [];
  rooms.forEach((room, i) => {
    if (!hasRoomFor(room.length, capacities[i] ?? null)) return;
    const s = score(room);
    if (best === null || lexicallyLess(s, bestScore)) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

function lexicallyLess(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
}

/** Every country's count per group differs by at most one across groups (the "no two while another has none" rule). */
export function countrySpreadOk(groups: readonly (readonly Candidate[])[]): boolean {
  const countries = new Set(groups.flat().map(countryKey));
  for (const c of countries) {
    const counts = groups.map((g) => g.filter((p) => countryKey(p) === c).length);
    if (Math.max(...counts) - Math.min(...counts) > 1) return false;
  }
  return true;
}
