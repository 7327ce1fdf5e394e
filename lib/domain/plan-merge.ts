import type { PlanContent, PlanSection } from '../contracts/plans';

const SECTIONS: PlanSection[] = ['problem', 'objectives', 'activities', 'indicators', 'partners', 'resources'];

const same = (c: PlanContent, d: PlanContent, s: PlanSection) =>
  s === 'activities' ? JSON.stringify(c.activities) === JSON.stringify(d.activities) : c[s] === d[s];

export interface PlanMerge {
  /** Sections changed on one side only take that side; sections changed on both sides take `prefer`'s. */
  merged: PlanContent;
  /** Sections both sides changed differently: the person must choose. */
  conflicts: PlanSection[];
}

/**
 * Three-way merge of two edits of a plan made from the same base, section by
 * section (the activity table counts as one section). Nothing typed on either
 * side is dropped unless both sides changed the same section.
 */
export function mergePlans(base: PlanContent, mine: PlanContent, theirs: PlanContent, prefer: 'mine' | 'theirs' = 'mine'): PlanMerge {
  const merged = structuredClone(theirs);
  const conflicts: PlanSection[] = [];
  for (const s of SECTIONS) {
    const mineChanged = !same(mine, base, s);
    const theirsChanged = !same(theirs, base, s);
    if (!mineChanged) continue; // theirs (changed or not) is already in `merged`
    if (theirsChanged && !same(mine, theirs, s)) {
      conflicts.push(s);
      if (prefer === 'theirs') continue;
    }
    if (s === 'activities') merged.activities = structuredClone(mine.activities);
    else merged[s] = mine[s];
  }
  return { merged, conflicts };
}
