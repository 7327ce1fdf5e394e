import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The benches run under tsx, outside vitest, and borrow a few test fixtures (users, events, nodes).
 * A fixture that imports vitest (hooks, expect) throws when a bench loads it, so those live apart
 * (tests/fixtures/test-server.ts, two-nodes.ts): this keeps every fixture a bench reaches, directly
 * or through another fixture, free of vitest.
 */
const FIXTURES = 'tests/fixtures';
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!);

function fixturesReachedFrom(file: string, seen = new Set<string>()): Set<string> {
  for (const spec of importsOf(file)) {
    if (!spec.startsWith('.')) continue;
    const target = `${path.join(path.dirname(file), spec)}.ts`.split(path.sep).join('/');
    if (!target.startsWith(`${FIXTURES}/`) || seen.has(target)) continue;
    seen.add(target);
    fixturesReachedFrom(target, seen);
  }
  return seen;
}

describe('fixtures the benches use load outside vitest', () => {
  const benches = readdirSync('bench', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `bench/${f}`);
  const reached = [...new Set(benches.flatMap((b) => [...fixturesReachedFrom(b)]))].sort();

  it('finds the fixtures the benches import', () => {
    expect(reached).toContain('tests/fixtures/server.ts');
  });

  it.each(reached)('%s does not import vitest', (fixture) => {
    expect(importsOf(fixture)).not.toContain('vitest');
  });
});
