#!/usr/bin/env node
// Fails when a runtime dependency has a known high or critical advisory, or when
// Balai runs on an unsupported Node.js. Run by `.ci/run` and by hand:
//
//   node scripts/check-advisories.mjs
//
// First choice is `npm audit --omit=dev`, which asks the registry's advisory
// database. Where that endpoint cannot be reached (offline machines, registry
// mirrors that answer 405), it falls back to the project's own list in
// scripts/security/advisories.json, matched against every installed copy of each
// package (`npm ls --all --omit=dev`), so an old copy nested under another
// dependency is caught too. The fallback says plainly that it is the smaller check.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { BLOCKING_SEVERITIES as BLOCKING, matchAdvisories } from './security/match-advisories.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIST = path.join(ROOT, 'scripts/security/advisories.json');

function npm(args) {
  return spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
}

function registryAudit() {
  const r = npm(['audit', '--omit=dev', '--json']);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    return { reachable: false, reason: (r.stderr || 'no JSON answer').trim().split('\n').pop() };
  }
  if (report.error) return { reachable: false, reason: report.error.summary || report.error.code || 'audit error' };
  const found = Object.values(report.vulnerabilities ?? {})
    .filter((v) => BLOCKING.has(v.severity))
    .map((v) => `${v.name} (${v.severity}, ${v.range})`);
  return { reachable: true, found };
}

/** Every installed version of every runtime package, from npm's own dependency tree. */
function installedVersions() {
  const r = npm(['ls', '--all', '--omit=dev', '--json']);
  const tree = JSON.parse(r.stdout || '{}');
  const versions = new Map();
  const walk = (deps) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (!node.version) continue;
      if (!versions.has(name)) versions.set(name, new Set());
      versions.get(name).add(node.version);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return versions;
}

function offlineAudit() {
  const list = JSON.parse(readFileSync(LIST, 'utf8'));
  return { found: matchAdvisories(list.advisories, installedVersions()), checked: list.advisories.length };
}

let failed = false;
const list = JSON.parse(readFileSync(LIST, 'utf8'));
if (!semver.satisfies(process.versions.node, list.runtime.node)) {
  console.error(`[advisories] Node.js ${process.versions.node} is not supported (${list.runtime.node}): ${list.runtime.why}`);
  failed = true;
}

const audit = registryAudit();
if (audit.reachable) {
  if (audit.found.length) {
    console.error(`[advisories] npm audit: high or critical advisories in runtime dependencies:\n  ${audit.found.join('\n  ')}`);
    failed = true;
  } else {
    console.log('[advisories] npm audit --omit=dev: no high or critical advisory in runtime dependencies');
  }
} else {
  console.log(`[advisories] the registry's audit endpoint is not reachable (${audit.reason}); using ${path.relative(ROOT, LIST)}`);
  const off = offlineAudit();
  if (off.found.length) {
    console.error(`[advisories] known advisories in installed runtime packages:\n  ${off.found.join('\n  ')}`);
    failed = true;
  } else {
    console.log(`[advisories] none of the ${off.checked} listed advisories matches an installed runtime package`);
  }
}
process.exit(failed ? 1 : 0);
