import { sql, type SQL } from 'drizzle-orm';

/*
 * Many values as one bind parameter: an array literal cast to an array type,
 * for `= any(…)` and `unnest(…)`. A statement about 500 people then has a
 * handful of parameters instead of thousands for drizzle to build and for
 * PostgreSQL to parse (a breakout opening writes everyone at once).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are checked first: only then is joining them with commas an exact array literal. */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError(`Not a uuid: ${JSON.stringify(id)}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

export function booleanArray(values: readonly boolean[]): SQL {
  return sql`${`{${values.map((v) => (v ? 't' : 'f')).join(',')}}`}::boolean[]`;
}
