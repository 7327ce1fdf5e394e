import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * SQL lives in lib/db/queries; services and auth compose queries and rules
 * (issue 14.1, STYLE.md). This reads the source of every file under lib/
 * (outside lib/db: the schema, the client and the demo seed are the database
 * layer itself), app/ and server/, and fails on anything that builds a query there:
 * a drizzle builder call on a database or transaction handle, an sql`` template,
 * or a value import of drizzle-orm's operators or of the schema's tables (type
 * imports are fine: a service may name a row type). A service may still open a
 * transaction (`db().transaction(...)`) and hand `tx` to the query functions:
 * where the transaction starts and ends is the service's decision.
 */

const ROOTS = ['lib', 'app', 'server'];
/** The database layer: queries, schema, client and the demo seed may build SQL. */
const DATABASE_LAYER = 'lib/db/';

/** Files that still hold SQL, each with why. Shrink this list; never grow it. It is empty now: keep it so. */
const NOT_YET: Record<string, string> = {};

// A handle is `d`, `db`, `tx`, `ex`, `reader`, `database`, `(await db())` or `this.db`; the
// builder call may sit on the next line of a chain. Map.delete or hash.update do not match.
const HANDLE = String.raw`(?:\b(?:d|db|tx|ex|reader|database|this\.db)|\(\s*await\s+db\(\)\s*\))`;
const BUILDER = String.raw`\s*\.\s*(?:select|selectDistinct|selectDistinctOn|insert|update|delete|execute|with|\$count|query\s*\.\s*\w+\s*\.\s*find\w*)\s*\(`;
const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'a query builder call on a database or transaction handle', pattern: new RegExp(HANDLE + BUILDER) },
  { name: 'an sql`` template', pattern: /\bsql\s*(?:<[^>]*>)?\s*`/ },
  { name: "a value import from 'drizzle-orm'", pattern: /^\s*import\s+(?!type\b)[^;]*?from\s+['"]drizzle-orm(?:\/[^'"]*)?['"]/m },
  { name: 'a value import of the schema (its tables)', pattern: /^\s*import\s+(?!type\b)[^;]*?from\s+['"](?:@\/|[./]*)(?:lib\/)?db\/schema(?:\/[^'"]*)?['"]/m },
];

/** The rules a source text breaks (comments are not code). */
export function sqlFound(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return RULES.filter((r) => r.pattern.test(code)).map((r) => r.name);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) ? [file.split(path.sep).join('/')] : [];
  });
}

describe('SQL has one home: lib/db/queries', () => {
  it.each([
    ['const [row] = await d.select().from(users).where(eq(users.id, id));'],
    ['const rows = await tx\n      .select({ id: polls.id })\n      .from(polls);'],
    ['await tx.insert(checkins).values(v).onConflictDoNothing();'],
    ['await d\n  .update(invitations)\n  .set({ sentAt: new Date() });'],
    ['await d.delete(sessions).where(eq(sessions.id, id));'],
    ['const [row] = await (await db())\n    .select({ a: users.locale })'],
    ['await d.selectDistinct({ userId: attendanceIntervals.userId })'],
    ['await d.execute(sql`select 1`);'],
    ['const stale = sql`now() - interval \'1 minute\'`;'],
    ["import { and, eq } from 'drizzle-orm';"],
    ["import { eventMembers, users } from '../db/schema';"],
    ["import { users } from '@/lib/db/schema';"],
    ["import { breakoutRuns } from '../../lib/db/schema/breakouts';"],
    ['const [row] = await (await db()).update(users).set({ locale });'],
  ])('flags query code: %s', (snippet) => {
    expect(sqlFound(snippet)).not.toEqual([]);
  });

  it.each([
    ["createHash('sha256').update(token).digest('hex');"],
    ['createHmac(\'sha256\', secret()).update(`${purpose}\\u0000${value}`).digest();'],
    ['pending.delete(eventId);'],
    ['const d = await db();\nreturn d.transaction(async (tx) => insertPoll(tx, values));'],
    ["import type { qaQuestions } from '../db/schema';"],
    ["import { updateUser } from '@/lib/db/queries/users';"],
    ["import type { SQL } from 'drizzle-orm';"],
    ['// an old note: await d.select().from(users)'],
  ])('lets service code through: %s', (snippet) => {
    expect(sqlFound(snippet)).toEqual([]);
  });

  const files = ROOTS.flatMap(sourceFiles).filter((f) => !f.startsWith(DATABASE_LAYER));

  it('finds the code it checks, and not the database layer', () => {
    expect(files).toContain('lib/services/qa.ts');
    expect(files).toContain('lib/services/breakouts.ts');
    expect(files).toContain('lib/auth/throttle.ts');
    expect(files).toContain('app/_lib/locale-actions.ts');
    expect(files).toContain('server/realtime/breakout-push.ts');
  });

  it.each(files.filter((f) => !(f in NOT_YET)))('%s builds no SQL', (file) => {
    expect(sqlFound(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each(Object.keys(NOT_YET))('%s is still on the not-yet list because it still holds SQL (take it off once moved)', (file) => {
    expect(sqlFound(readFileSync(file, 'utf8'))).not.toEqual([]);
  });
});
