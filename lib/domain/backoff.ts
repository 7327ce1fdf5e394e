/**
 * How long someone must wait before their next attempt, from what has been
 * counted under one key: `limit` attempts are free, then the wait starts at
 * `backoffMs` and doubles with every further counted attempt, never beyond
 * `windowMs`. A count is forgotten `windowMs` after its last attempt, so the
 * longest wait always ends before the count would be forgotten.
 */
export interface BackoffRule {
  limit: number;
  backoffMs: number;
  windowMs: number;
}

export interface Count {
  hits: number;
  /** Epoch milliseconds of the last counted attempt. */
  lastHitAt: number;
}

export function waitMs(count: Count | null, rule: BackoffRule, now: number): number {
  if (!count || now - count.lastHitAt >= rule.windowMs || count.hits < rule.limit) return 0;
  const over = count.hits - rule.limit;
  // 2^31 already exceeds any window; cap the exponent so the number stays finite.
  const wait = Math.min(rule.backoffMs * 2 ** Math.min(over, 31), rule.windowMs);
  return Math.max(0, count.lastHitAt + wait - now);
}
