import { describe, expect, it } from 'vitest';
import { waitMs } from '../../lib/domain/backoff';

const rule = { limit: 5, backoffMs: 30_000, windowMs: 900_000 };
const now = 10_000_000;

describe('waitMs', () => {
  it.each([
    ['nothing counted', null, 0],
    ['under the limit', { hits: 4, lastHitAt: now }, 0],
    ['at the limit: the first wait', { hits: 5, lastHitAt: now }, 30_000],
    ['one over: doubled', { hits: 6, lastHitAt: now }, 60_000],
    ['three over: eight times', { hits: 8, lastHitAt: now }, 240_000],
    ['far over: capped at the window', { hits: 40, lastHitAt: now }, 900_000],
    ['part of the wait has passed', { hits: 5, lastHitAt: now - 10_000 }, 20_000],
    ['the wait has passed', { hits: 5, lastHitAt: now - 30_000 }, 0],
    ['forgotten after the window', { hits: 40, lastHitAt: now - 900_000 }, 0],
  ])('%s', (_label, count, expected) => {
    expect(waitMs(count, rule, now)).toBe(expected);
  });
});
