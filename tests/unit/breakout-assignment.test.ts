import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  assign,
  assignBalanced,
  assignManual,
  assignRandom,
  assignedAtOpening,
  countrySpreadOk,
  hasRoomFor,
  placedAutomatically,
  placeLateJoiner,
  type Arrival,
  type Candidate,
  type Groups,
} from '../../lib/domain/breakout-assignment';

const COUNTRIES = ['ID', 'MY', 'PH', 'TH', 'VN', 'KH', 'LA', 'MM', 'NP', 'IN', 'LK', 'BD', 'PK'];
const ORGS = ['Ministry', 'Association', 'Cooperative', 'University', 'Chamber', ''];

/** A roster like a real programme: uneven country sizes, some unknown countries, mixed in-hall/online. */
function population(seed: string, size: number, countryCount = COUNTRIES.length): Candidate[] {
  const random = seedrandom(`pop:${seed}`);
  return Array.from({ length: size }, (_, i) => {
    // Skewed: the first countries are more common (a host country sends many).
    const c = Math.floor(Math.pow(random(), 1.8) * (countryCount + 1));
    return {
      userId: `u${i}`,
      country: c >= countryCount ? null : COUNTRIES[c]!,
      organisation: ORGS[Math.floor(random() * ORGS.length)]!,
      attendanceMode: random() < 0.45 ? 'in_person' : 'remote',
    };
  });
}

const byId = (people: Candidate[]) => new Map(people.map((p) => [p.userId, p]));
const resolve = (groups: Groups, people: Candidate[]) => {
  const m = byId(people);
  return groups.map((g) => g.map((id) => m.get(id)!));
};
const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
const inHallSpread = (groups: Candidate[][]) => spread(groups.map((g) => g.filter((p) => p.attendanceMode === 'in_person').length));

function expectPartition(groups: Groups, people: Candidate[], roomCount: number) {
  expect(groups).toHaveLength(roomCount);
  const all = groups.flat();
  expect(new Set(all).size).toBe(all.length);
  expect([...all].sort()).toEqual(people.map((p) => p.userId).sort());
  expect(spread(groups.map((g) => g.length))).toBeLessThanOrEqual(1);
}

// Many seeds × roster sizes × room counts: the properties must hold for every one, not on average.
const SEEDS = Array.from({ length: 40 }, (_, i) => `seed-${i}`);
const SHAPES: Array<[number, number]> = [
  [4, 2],
  [7, 3],
  [24, 4],
  [30, 7],
  [61, 6],
  [120, 12],
  [10, 10],
  [3, 5],
];
const CASES = SEEDS.flatMap((seed) => SHAPES.map(([size, rooms]) => [seed, size, rooms] as const));

describe('random assignment', () => {
  it.each(CASES)('seed %s, %i people into %i rooms: everyone once, sizes differ by at most one', (seed, size, rooms) => {
    const people = population(seed, size);
    expectPartition(assignRandom(people, rooms, seed), people, rooms);
  });

  it.each(SEEDS)('is deterministic for seed %s', (seed) => {
    const people = population(seed, 40);
    expect(assignRandom(people, 5, seed)).toEqual(assignRandom(people, 5, seed));
  });

  it('different seeds give different groups', () => {
    const people = population('x', 40);
    const distinct = new Set(SEEDS.map((s) => JSON.stringify(assignRandom(people, 5, s))));
    expect(distinct.size).toBeGreaterThan(SEEDS.length / 2);
  });
});

describe('balanced assignment', () => {
  it.each(CASES)('seed %s, %i people into %i rooms: sizes within one, every country spread within one', (seed, size, rooms) => {
    const people = population(seed, size);
    const groups = assignBalanced(people, rooms, seed);
    expectPartition(groups, people, rooms);
    expect(countrySpreadOk(resolve(groups, people))).toBe(true);
  });

  it.each(CASES)('seed %s, %i people into %i rooms: no room has two of a country while another room has none', (seed, size, rooms) => {
    const people = population(seed, size);
    const groups = resolve(assignBalanced(people, rooms, seed), people);
    for (const country of new Set(people.map((p) => p.country))) {
      const counts = groups.map((g) => g.filter((p) => p.country === country).length);
      if (counts.some((n) => n >= 2)) expect(Math.min(...counts)).toBeGreaterThan(0);
    }
  });

  it.each(SEEDS)('with one country (seed %s), in-hall people are spread within one', (seed) => {
    const people = population(seed, 37, 1).map((p) => ({ ...p, country: 'ID' }));
    expect(inHallSpread(resolve(assignBalanced(people, 6, seed), people))).toBeLessThanOrEqual(1);
  });

  it.each(SEEDS)('with one country and one attendance mode (seed %s), organisations are spread within one', (seed) => {
    const people = population(seed, 36, 1).map((p, i) => ({ ...p, country: 'ID', attendanceMode: 'remote' as const, organisation: `Org ${i % 4}` }));
    const groups = resolve(assignBalanced(people, 6, seed), people);
    for (const org of ['Org 0', 'Org 1', 'Org 2', 'Org 3']) {
      expect(spread(groups.map((g) => g.filter((p) => p.organisation === org).length))).toBeLessThanOrEqual(1);
    }
  });

  it('spreads in-hall and online people better than random does, over many seeds', () => {
    let balanced = 0;
    let random = 0;
    for (const seed of SEEDS) {
      const people = population(seed, 60);
      balanced += inHallSpread(resolve(assignBalanced(people, 6, seed), people));
      random += inHallSpread(resolve(assignRandom(people, 6, seed), people));
    }
    expect(balanced).toBeLessThan(random);
  });

  it('random assignment breaks the country rule for some seed, so the balanced test is not vacuous', () => {
    const broken = CASES.some(([seed, size, rooms]) => {
      const people = population(seed, size);
      return !countrySpreadOk(resolve(assignRandom(people, rooms, seed), people));
    });
    expect(broken).toBe(true);
  });

  it.each(SEEDS)('is deterministic for seed %s, whatever the input order', (seed) => {
    const people = population(seed, 50);
    const once = assignBalanced(people, 7, seed);
    expect(assignBalanced(people, 7, seed)).toEqual(once);
  });

  it('handles 500 people in 50 rooms quickly enough to run inside a request', () => {
    const people = population('big', 500);
    const groups = assignBalanced(people, 50, 'big');
    expectPartition(groups, people, 50);
    expect(countrySpreadOk(resolve(groups, people))).toBe(true);
  });
});

describe('manual and self-select', () => {
  const people = population('m', 6);

  it('puts people where the moderator said and leaves the rest unassigned', () => {
    const groups = assignManual(people, 3, new Map([['u0', 2], ['u1', 0], ['u2', 2]]));
    expect(groups).toEqual([['u1'], [], ['u0', 'u2']]);
  });

  it.each([
    ['an unknown person', new Map([['nobody', 0]])],
    ['a room that does not exist', new Map([['u0', 3]])],
    ['a negative room', new Map([['u0', -1]])],
  ])('refuses %s', (_label, chosen) => {
    expect(() => assignManual(people, 3, chosen)).toThrow(RangeError);
  });

  it('self-select starts with empty rooms', () => {
    expect(assign('self_select', people, 3, 's')).toEqual([[], [], []]);
  });

  it.each([
    [0, null, true],
    [3, 4, true],
    [4, 4, false],
    [5, 4, false],
  ])('a room with %i people and capacity %s has a free place: %s', (size, capacity, expected) => {
    expect(hasRoomFor(size, capacity)).toBe(expected);
  });

  it('refuses zero rooms', () => {
    expect(() => assign('random', people, 0, 's')).toThrow(RangeError);
  });
});

describe('late joiners', () => {
  const p = (userId: string, country: string | null, attendanceMode: Candidate['attendanceMode'] = 'remote', organisation = ''): Candidate => ({
    userId,
    country,
    organisation,
    attendanceMode,
  });

  it.each([
    ['random goes to the smallest room', 'random', [[p('a', 'ID'), p('b', 'MY')], [p('c', 'ID')]], p('x', 'MY'), 1],
    ['balanced avoids a room that has their country', 'balanced', [[p('a', 'ID')], [p('b', 'MY')]], p('x', 'ID'), 1],
    ['balanced then evens out in-hall people', 'balanced', [[p('a', 'ID', 'in_person')], [p('b', 'ID', 'remote')]], p('x', 'MY', 'in_person'), 1],
    ['balanced still fills the smallest room first', 'balanced', [[p('a', 'ID'), p('b', 'MY')], [p('c', 'ID')]], p('x', 'ID'), 1],
    ['ties go to the lowest index', 'random', [[p('a', 'ID')], [p('b', 'MY')]], p('x', 'TH'), 0],
  ] as const)('%s', (_label, mode, rooms, person, expected) => {
    expect(placeLateJoiner(mode, rooms, person)).toBe(expected);
  });

  it('self-select places nobody (they choose)', () => {
    expect(placeLateJoiner('self_select', [[], []], p('x', 'ID'))).toBeNull();
  });

  it('skips full rooms', () => {
    expect(placeLateJoiner('random', [[], [p('a', 'ID')]], p('x', 'ID'), [0, null])).toBe(1);
  });
});

describe('who the run places by itself', () => {
  it.each([
    ['participant', false, true],
    ['participant', true, false],
    ['presenter', false, false],
    ['moderator', false, false],
    ['organizer', false, false],
    ['moderator', true, false],
    ['organizer', true, false],
  ] as const)('a %s (hall device: %s) is placed automatically: %s', (role, hallDevice, expected) => {
    expect(placedAutomatically({ role, hallDevice })).toBe(expected);
  });

  const a = (userId: string, role: Arrival['role'] = 'participant', hallDevice = false): Arrival => ({ userId, role, hallDevice });
  const everyone = [a('here'), a('away'), a('presenter', 'presenter'), a('mod', 'moderator'), a('org', 'organizer'), a('laptop', 'moderator', true), a('chosen'), a('chosen-away')];
  const ids = (xs: Arrival[]) => xs.map((x) => x.userId);

  it.each([
    ['only people present now', ['here'], [], ['here']],
    ['nobody when nobody is here', [], [], []],
    ['never staff or hall devices, even when present', ['presenter', 'mod', 'org', 'laptop', 'here'], [], ['here']],
    ['not people chosen explicitly (their room is fixed)', ['here', 'chosen'], ['chosen', 'chosen-away'], ['here']],
    ['everyone present who may be placed', ['here', 'away', 'chosen', 'presenter'], [], ['here', 'away', 'chosen']],
  ] as const)('opening assigns %s', (_label, present, explicit, expected) => {
    expect(ids(assignedAtOpening(everyone, new Set(present), new Set(explicit)))).toEqual(expected);
  });
});

describe('latecomers', () => {
  const p = (userId: string, country: string | null = 'ID'): Candidate => ({ userId, country, organisation: '', attendanceMode: 'remote' });
  // Rooms opened with only the people present: latecomers keep the sizes even as they arrive.
  it.each([
    ['balanced', [[p('a'), p('b')], [p('c')], [p('d'), p('e')]], 1],
    ['balanced', [[p('a')], [p('b')], []], 2],
    ['random', [[p('a'), p('b')], [p('c'), p('d')], [p('e')]], 2],
    ['manual', [[], [p('a')]], 0],
  ] as const)('%s puts a latecomer into the smallest room (%j → %i)', (mode, rooms, expected) => {
    expect(placeLateJoiner(mode, rooms, p('late', 'MY'))).toBe(expected);
  });

  it('ten latecomers arriving one by one into balanced rooms keep sizes within one', () => {
    const rooms: Candidate[][] = [[p('a')], [], []];
    for (let i = 0; i < 10; i++) {
      const person = p(`late${i}`, i % 2 ? 'MY' : 'ID');
      rooms[placeLateJoiner('balanced', rooms, person)!]!.push(person);
      expect(spread(rooms.map((r) => r.length))).toBeLessThanOrEqual(1);
    }
  });
});
