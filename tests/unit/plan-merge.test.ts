import { describe, expect, it } from 'vitest';
import { EMPTY_PLAN, type PlanContent } from '../../lib/contracts/plans';
import { mergePlans } from '../../lib/domain/plan-merge';

const plan = (p: Partial<PlanContent>): PlanContent => ({ ...EMPTY_PLAN, ...p });
const base = plan({ problem: 'base problem', partners: 'base partners' });
const activity = { id: '6f1c1f8e-3f7a-4b43-9d7e-1d1f3b0f0a11', title: 'Train', start: '2027-01', end: '2027-02', responsible: '' };

describe('mergePlans', () => {
  it.each([
    ['only mine changed', plan({ ...base, problem: 'mine' }), base, { problem: 'mine', partners: 'base partners' }, []],
    ['only theirs changed', base, plan({ ...base, partners: 'theirs' }), { problem: 'base problem', partners: 'theirs' }, []],
    ['different sections', plan({ ...base, problem: 'mine' }), plan({ ...base, partners: 'theirs' }), { problem: 'mine', partners: 'theirs' }, []],
    ['same change on both sides', plan({ ...base, problem: 'x' }), plan({ ...base, problem: 'x' }), { problem: 'x' }, []],
    ['same section, different text', plan({ ...base, problem: 'mine' }), plan({ ...base, problem: 'theirs' }), { problem: 'mine' }, ['problem']],
  ] as const)('%s', (_name, mine, theirs, expected, conflicts) => {
    const result = mergePlans(base, mine, theirs);
    expect(result.merged).toMatchObject(expected);
    expect(result.conflicts).toEqual(conflicts);
  });

  it('keeps their text for conflicting sections when asked, and still keeps my other changes', () => {
    const mine = plan({ ...base, problem: 'mine', resources: 'my resources' });
    const theirs = plan({ ...base, problem: 'theirs', partners: 'their partners' });
    expect(mergePlans(base, mine, theirs, 'theirs').merged).toMatchObject({ problem: 'theirs', partners: 'their partners', resources: 'my resources' });
  });

  it('treats the activity table as one section', () => {
    const mine = plan({ ...base, activities: [activity] });
    const theirs = plan({ ...base, activities: [{ ...activity, title: 'Other' }] });
    expect(mergePlans(base, mine, theirs).conflicts).toEqual(['activities']);
    expect(mergePlans(base, mine, base).merged.activities).toEqual([activity]);
  });
});
