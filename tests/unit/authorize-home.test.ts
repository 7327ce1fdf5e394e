import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The caller's standing has one home (issue 14.1, STYLE.md): socket requests
 * get it from server/realtime/pipeline.ts, everything else (server actions,
 * pages, route handlers, services) from lib/services/authorize.ts; both read
 * it with the one query `findActor` and decide with `can()`. This reads every
 * file under app/, lib/ and server/ and fails when a role or membership read is
 * imported anywhere else, so a new handler cannot grow its own way again.
 */

const ROOTS = ['app', 'lib', 'server'];

/** The caller's standing: only the two permission steps read it. */
const STANDING: Record<string, Record<string, string>> = {
  findActor: {
    'lib/services/authorize.ts': 'the one reader (findStanding), for the HTTP side (actorIn, authorize, allowedActor) and the socket pipeline',
  },
  findStanding: {
    'server/realtime/pipeline.ts': 'the socket side: the same read, cached per socket',
  },
};

/** Ways the caller's role used to be read, each its own: gone, and they stay gone. */
const RETIRED = ['roleIn', 'sessionActor', 'requireSessionAction', 'requireSessionEntry', 'sessionMembership'];

/**
 * Reads of ANOTHER person's membership, as data: who may import them, each with
 * why. The caller's own standing never comes from these. Shrink this list; a new
 * entry needs a reason that is not "the caller's role".
 */
const PERSON: Record<string, Record<string, string>> = {
  findMembership: {
    'lib/services/breakouts.ts': 'the person a moderator moves, and the late joiner placed by country and organisation',
    'server/realtime/captions.ts': 'the person named as captioner must be a member',
    'server/realtime/interpretation.ts': 'the person named as interpreter must be a member',
    'server/realtime/media.ts': 'the person invited to the stage, and another peer whose publishing rights are re-read after a change',
    'app/events/[slug]/plans/[planId]/page.tsx': "the plan owner's country on its heading",
    'app/events/[slug]/plans/[planId]/pdf/route.ts': "the plan owner's country on the PDF",
  },
  memberRoleAndMode: {
    'lib/services/members.ts': 'the person being added keeps an organizer role or mode they already have',
    'lib/services/registration.ts': 'inside the registration transaction: someone already a member is sent to the event instead of taking a place',
  },
};

/**
 * Caller-role reads outside lib/services/authorize.ts, each with why. Take an
 * entry off once its file goes through lib/services/authorize.ts.
 */
const NOT_YET: Record<string, Record<string, string>> = {
  syncFacts: {
    'lib/services/breakout-state.ts': "a reconnect wave's breakout sync reads the caller's role together with their room and its notes in one round trip (through authorize it would be two per socket)",
  },
};

/** The names a source text imports (value or type), with `x as y` read as x. */
export function importedNames(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const names: string[] = [];
  for (const m of code.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"][^'"]+['"]/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!
        .trim();
      if (name) names.push(name);
    }
  }
  for (const m of code.matchAll(/\b(?:const|let)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?import\(/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(':')[0]!.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) ? [file.split(path.sep).join('/')] : [];
  });
}

describe("the caller's standing has one home: lib/services/authorize.ts (and the socket pipeline)", () => {
  it.each([
    ["import { findMembership } from '@/lib/db/queries/programme';", 'findMembership'],
    ["import { findSession, roleIn } from '../db/queries/programme';", 'roleIn'],
    ["import {\n  listSessions,\n  roleIn as roleOf,\n} from '../../lib/db/queries/programme';", 'roleIn'],
    ["import { type ActorRow, findActor } from '../db/queries/actor';", 'findActor'],
    ["import type { sessionActor } from './session-access';", 'sessionActor'],
    ["const { roleIn } = await import('../db/queries/programme');", 'roleIn'],
  ])('reads the import: %s', (snippet, name) => {
    expect(importedNames(snippet)).toContain(name);
  });

  it.each([
    ["// import { roleIn } from '../db/queries/programme';", 'roleIn'],
    ["/* import { findActor } from './actor'; */", 'findActor'],
    ["import { findMembershipCount } from './members';", 'findMembership'],
    ['const roleIn = 3;', 'roleIn'],
  ])('is not fooled by: %s', (snippet, name) => {
    expect(importedNames(snippet)).not.toContain(name);
  });

  const files = ROOTS.flatMap(sourceFiles);
  const imports = new Map(files.map((f) => [f, new Set(importedNames(readFileSync(f, 'utf8')))]));
  const importers = (name: string) => files.filter((f) => imports.get(f)!.has(name)).sort();

  it('finds the code it checks', () => {
    expect(files).toContain('lib/services/authorize.ts');
    expect(files).toContain('app/_lib/event-access.ts');
    expect(files).toContain('server/realtime/pipeline.ts');
    expect(importers('authorize')).toContain('lib/services/plans.ts');
  });

  it.each(Object.entries({ ...STANDING, ...PERSON, ...NOT_YET }))('%s is imported only where its list says, and everywhere it says', (name, allowed) => {
    expect(importers(name)).toEqual(Object.keys(allowed).sort());
  });

  it.each(RETIRED)('%s is imported nowhere', (name) => {
    expect(importers(name)).toEqual([]);
  });
});
