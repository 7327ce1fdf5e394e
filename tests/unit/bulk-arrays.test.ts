import { PgDialect } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inlineBooleanArray, inlineTimestamp, inlineUuidArray, uuidArray } from '../../lib/db/queries/bulk';

const dialect = new PgDialect();
const render = (fragment: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(sql`select ${fragment}`);
  return { sql: text, params };
};

const A = '0b6f3c4e-52a1-4c3e-9d1a-6f0e2b7c8d90';
const B = 'F1E2D3C4-B5A6-4978-8695-A4B3C2D1E0F9';
const BAD = ['not-a-uuid', `${A},${B}`, `${A}}`, `"${A}"`, `${A}'); drop table users; --`, `${A}'::uuid[]; select '{`, ''];

describe('many values in one statement (lib/db/queries/bulk.ts)', () => {
  it.each([
    [[], '{}'],
    [[A], `{${A}}`],
    [[A, B], `{${A},${B}}`],
  ])('uuids %j become one bound parameter %s cast to uuid[]', (ids, literal) => {
    expect(render(uuidArray(ids))).toEqual({ sql: 'select $1::uuid[]', params: [literal] });
  });

  it.each([
    [[], "select '{}'::uuid[]"],
    [[A, B], `select '{${A},${B}}'::uuid[]`],
  ])('uuids %j written into the statement: %s, without parameters', (ids, text) => {
    expect(render(inlineUuidArray(ids))).toEqual({ sql: text, params: [] });
  });

  it.each(BAD)('refuses %j, bound or written in: only checked uuids are joined into an array literal', (bad) => {
    expect(() => uuidArray([A, bad])).toThrow(TypeError);
    expect(() => inlineUuidArray([A, bad])).toThrow(TypeError);
  });

  it.each([
    [[], "select '{}'::boolean[]"],
    [[true, false, false], "select '{t,f,f}'::boolean[]"],
  ])('booleans %j written in: %s', (values, text) => {
    expect(render(inlineBooleanArray(values))).toEqual({ sql: text, params: [] });
  });

  it('a moment written in as its ISO string; an invalid date is refused', () => {
    expect(render(inlineTimestamp(new Date('2026-11-29T16:15:00.123Z')))).toEqual({ sql: "select '2026-11-29T16:15:00.123Z'::timestamptz", params: [] });
    expect(() => inlineTimestamp(new Date('nonsense'))).toThrow(RangeError);
  });
});
