// The offline half of scripts/check-advisories.mjs, kept pure so a unit test can
// feed it a list and a dependency tree (tests/unit/advisories.test.ts).
import semver from 'semver';

export const BLOCKING_SEVERITIES = new Set(['high', 'critical']);

/**
 * Every installed copy (name → set of versions) that a blocking advisory covers,
 * as one line each. Lower severities are reported by npm audit, not gated here.
 * @param {{ id: string, package: string, severity: string, vulnerable: string, fixedIn: string, title: string }[]} advisories
 * @param {Map<string, Set<string>>} versions
 * @returns {string[]}
 */
export function matchAdvisories(advisories, versions) {
  const found = [];
  for (const a of advisories) {
    if (!BLOCKING_SEVERITIES.has(a.severity)) continue;
    for (const v of versions.get(a.package) ?? []) {
      if (semver.satisfies(v, a.vulnerable)) found.push(`${a.package}@${v}: ${a.id} (${a.severity}) ${a.title}; fixed in ${a.fixedIn}`);
    }
  }
  return found;
}
