import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ESM script without type declarations
import { matchAdvisories } from '../../scripts/security/match-advisories.mjs';

const list = JSON.parse(readFileSync('scripts/security/advisories.json', 'utf8')) as {
  advisories: { id: string; package: string; severity: string; vulnerable: string; fixedIn: string; title: string }[];
};
const tree = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, new Set(v)]));
const match = (versions: Map<string, Set<string>>) => matchAdvisories(list.advisories, versions) as string[];

describe('the offline advisory check', () => {
  it.each([
    ['3.19.3', 1],
    ['3.22.0', 1],
    ['3.23.0', 0],
    ['3.27.1', 0],
  ])('mediasoup %s → %i finding(s) for GHSA-jhm4-v227-4375', (version, n) => {
    const found = match(tree({ mediasoup: [version] }));
    expect(found).toHaveLength(n);
    if (n) expect(found[0]).toContain('GHSA-jhm4-v227-4375');
  });

  it('finds an old copy nested beside a fixed one', () => {
    expect(match(tree({ mediasoup: ['3.27.1', '3.20.0'] }))).toEqual([expect.stringContaining('mediasoup@3.20.0')]);
  });

  it('does not gate on a moderate advisory', () => {
    const moderate = [{ id: 'X', package: 'p', severity: 'moderate', vulnerable: '<2', fixedIn: '2.0.0', title: 't' }];
    expect(matchAdvisories(moderate, tree({ p: ['1.0.0'] }))).toEqual([]);
  });

  it('passes the versions this checkout pins', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(match(tree({ mediasoup: [pkg.dependencies.mediasoup!] }))).toEqual([]);
  });
});
