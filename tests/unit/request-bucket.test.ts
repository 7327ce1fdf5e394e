import { describe, expect, it } from 'vitest';
import { take } from '../../server/realtime/request-limit';
import type { BalaiSocket } from '../../server/realtime/handler';

// The per-socket request limits keep one number per socket (the time its bucket is full again).
const socket = {} as BalaiSocket;

describe('a socket’s request bucket', () => {
  it.each([
    [120, 10_000],
    [7, 1_000],
    [240, 10_000],
  ])('lets %i requests through at once in a %i ms window, then one per interval', (limit, windowMs) => {
    const buckets = new WeakMap<BalaiSocket, number>();
    // Far from zero, as a process that has run for days sees its monotonic clock.
    const t0 = 3 * 24 * 3600 * 1000 + 0.123;
    const waits = Array.from({ length: limit }, () => take(buckets, socket, limit, windowMs, t0));
    expect(waits.every((w) => w === 0)).toBe(true);
    const interval = windowMs / limit;
    const refused = take(buckets, socket, limit, windowMs, t0);
    expect(refused).toBe(Math.ceil(interval));
    // A refusal spends nothing: asking again at once gets the same answer.
    expect(take(buckets, socket, limit, windowMs, t0)).toBe(refused);
    expect(take(buckets, socket, limit, windowMs, t0 + interval)).toBe(0);
    expect(take(buckets, socket, limit, windowMs, t0 + interval)).toBeGreaterThan(0);
    // After a whole window the bucket is full again: another burst of `limit`.
    const later = t0 + interval + windowMs;
    expect(Array.from({ length: limit }, () => take(buckets, socket, limit, windowMs, later)).every((w) => w === 0)).toBe(true);
    expect(take(buckets, socket, limit, windowMs, later)).toBeGreaterThan(0);
  });

  it('keeps sockets apart', () => {
    const buckets = new WeakMap<BalaiSocket, number>();
    const other = {} as BalaiSocket;
    expect(take(buckets, socket, 1, 1000, 5000)).toBe(0);
    expect(take(buckets, socket, 1, 1000, 5000)).toBe(1000);
    expect(take(buckets, other, 1, 1000, 5000)).toBe(0);
  });
});
