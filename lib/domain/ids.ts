/**
 * Whether a string is a uuid, the type of every id column: an id from a URL or a payload that is not one
 * names nothing, and must be answered as "not found" before it reaches PostgreSQL as a cast error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID.test(s);
