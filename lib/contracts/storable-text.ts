/**
 * PostgreSQL's text cannot hold NUL, and UTF-8 cannot encode a lone UTF-16
 * surrogate; either in a request would reach the database and fail there as
 * a server error. Requests are checked for them up front so the sender gets
 * `invalid_payload` instead.
 */
// A high surrogate not followed by a low one, a low one not preceded by a high one, or NUL.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** The path of the first string in a parsed payload that the database could not store, or null. */
export function unstorableTextPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const bad = isStorableText(key) ? unstorableTextPath(item, [...path, key]) : [...path, key];
      if (bad) return bad;
    }
  }
  return null;
}

/** PostgreSQL's answers to such text when it gets through anyway (invalid byte sequence, unsupported escape). */
const UNSTORABLE_TEXT_SQLSTATES = new Set(['22021', '22P05']);

/** postgres.js and PGlite both carry the SQLSTATE as `code`, sometimes on the cause drizzle wraps it in. */
export function isUnstorableTextError(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && UNSTORABLE_TEXT_SQLSTATES.has(e.code)) return true;
  }
  return false;
}
