/**
 * A sliding-window limiter per key, in memory: limits protect the live
 * session from floods; they are not state that must survive a restart.
 * (Several Balai processes would each allow the limit; that is acceptable.)
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records one hit for `key` and says whether it is within the limit (a refused hit is not recorded). */
  take(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.prune(now);
    return true;
  }

  private prune(now: number) {
    for (const [key, times] of this.hits) if (!times.some((t) => now - t < this.windowMs)) this.hits.delete(key);
  }
}

export const QA_LIMITS = { questionsPerMinute: 5, votesPerMinute: 60 } as const;
export const askLimiter = new SlidingWindowLimiter(QA_LIMITS.questionsPerMinute, 60_000);
export const voteLimiter = new SlidingWindowLimiter(QA_LIMITS.votesPerMinute, 60_000);
