import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { booleanArray, uuidArray } from '../../lib/db/queries/bulk';

const dialect = new PgDialect();
const render = (fragment: ReturnType<typeof uuidArray>) => dialect.sqlToQuery(sql`select ${fragment}`);

const A = '0b6f3c4e-52a1-4c3e-9d1a-6f0e2b7c8d90';
const B = 'F1E2D3C4-B5A6-4978-8695-A4B3C2D1E0F9';

describe('many values as one bind parameter (lib/db/queries/bulk.ts)', () => {
  it.each([
    [[], '{}'],
    [[A], `{${A}}`],
    [[A, B], `{${A},${B}}`],
  ])('uuids %j become one parameter %s cast to uuid[]', (ids, literal) => {
    const { sql: text, params } = render(uuidArray(ids));
    expect(params).toEqual([literal]);
    expect(text).toBe('select $1::uuid[]');
  });

  it.each([
    ['not-a-uuid'],
    [`${A},${B}`],
    [`${A}}`],
    [`"${A}"`],
    [`${A}'); drop table users; --`],
    [''],
  ])('refuses %j: only checked uuids are joined into an array literal', (bad) => {
    expect(() => uuidArray([A, bad])).toThrow(TypeError);
  });

  it.each([
    [[], '{}'],
    [[true], '{t}'],
    [[true, false, false], '{t,f,f}'],
  ])('booleans %j become one parameter %s cast to boolean[]', (values, literal) => {
    const { sql: text, params } = render(booleanArray(values));
    expect(params).toEqual([literal]);
    expect(text).toBe('select $1::boolean[]');
  });
});
