import { sql, type SQL } from 'drizzle-orm';
import { isUuid } from '../../domain/ids';

/*
 * Many values as one bind parameter: an array literal cast to an array type,
 * for `= any(…)` and `unnest(…)`. A statement about 500 people then has a
 * handful of parameters instead of thousands for drizzle to build and for
 * PostgreSQL to parse (a breakout opening writes everyone at once).
 */

/** Ids are checked first: only then is joining them with commas an exact array literal. */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!isUuid(id)) throw new TypeError(`Not a uuid: ${JSON.stringify(id)}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/**
 * The same arrays written into the statement instead of bound (only checked uuids and booleans, so the text is
 * exactly an array literal): a statement without parameters goes to PostgreSQL in one round trip, where
 * postgres-js first asks the parameters' types of a statement that connection has not prepared yet.
 */
export function inlineUuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!isUuid(id)) throw new TypeError(`Not a uuid: ${JSON.stringify(id)}`);
  return sql.raw(`'{${ids.join(',')}}'::uuid[]`);
}

export function inlineBooleanArray(values: readonly boolean[]): SQL {
  return sql.raw(`'{${values.map((v) => (v ? 't' : 'f')).join(',')}}'::boolean[]`);
}

/** A moment as a literal (an ISO string is digits, dashes, colons, a dot, T and Z), for the same reason. */
export function inlineTimestamp(at: Date): SQL {
  return sql.raw(`'${at.toISOString()}'::timestamptz`);
}
