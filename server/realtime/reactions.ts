import { rooms } from '../../lib/realtime/rooms';
import {
  REACTION_BURST,
  REACTION_INTERVAL_MS,
  REACTION_REFILL_PER_SECOND,
  type ReactionCounts,
  type ReactionEmoji,
} from '../../lib/contracts/reactions';
import { RateLimitedError } from '../../lib/errors';
import { handle, type BalaiServer } from './handler';

/**
 * Floating reactions. Nothing is stored: a reaction is counted into its
 * session's pending batch, and one `reaction:burst` per session leaves every
 * REACTION_INTERVAL_MS with the counts per emoji — a hall of 500 phones
 * clapping at once is four messages a second per screen, not 500.
 */

/** A token bucket per person and session, in this process's memory (a restart forgives everyone). */
export class ReactionLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly burst = REACTION_BURST,
    private readonly perSecond = REACTION_REFILL_PER_SECOND,
  ) {}

  /** 0 when the reaction may go, else the milliseconds until it could. */
  take(key: string, now = Date.now()): number {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
  }

  /** Full buckets carry nothing worth keeping. */
  sweep(now = Date.now()): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
  }
}

class ReactionBatcher {
  private readonly pending = new Map<string, { counts: ReactionCounts; total: number; timer: NodeJS.Timeout }>();
  constructor(private readonly io: BalaiServer) {}

  add(sessionId: string, emoji: ReactionEmoji): void {
    let p = this.pending.get(sessionId);
    if (!p) {
      const timer = setTimeout(() => this.flush(sessionId), REACTION_INTERVAL_MS);
      this.pending.set(sessionId, (p = { counts: {}, total: 0, timer }));
    }
    p.counts[emoji] = (p.counts[emoji] ?? 0) + 1;
    p.total += 1;
  }

  private flush(sessionId: string): void {
    const p = this.pending.get(sessionId);
    if (!p) return;
    this.pending.delete(sessionId);
    this.io.to(rooms.reactions(sessionId)).emit('reaction:burst', { sessionId, counts: p.counts, total: p.total });
  }

  stop(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}

const state = new WeakMap<BalaiServer, { batcher: ReactionBatcher; limiter: ReactionLimiter; sweep: NodeJS.Timeout }>();
function reactionsOf(io: BalaiServer) {
  let s = state.get(io);
  if (!s) {
    const limiter = new ReactionLimiter();
    const sweep = setInterval(() => limiter.sweep(), 60_000);
    sweep.unref();
    state.set(io, (s = { batcher: new ReactionBatcher(io), limiter, sweep }));
  }
  return s;
}

export function stopReactions(io: BalaiServer): void {
  const s = state.get(io);
  if (!s) return;
  s.batcher.stop();
  clearInterval(s.sweep);
  state.delete(io);
}

handle('reaction:join', { scope: 'session', action: 'session:join' }, async (caller, { sessionId }) => {
  const { socket } = caller;
  await socket.join(rooms.reactions(sessionId));
  return { sessionId };
});
handle('reaction:leave', { scope: 'self' }, async ({ socket }, { sessionId }) => {
  await socket.leave(rooms.reactions(sessionId));
  return {};
});
// Counted before the database is asked, so a flood costs no queries: the actor is cached on the socket after the first.
handle('reaction:send', { scope: 'session', action: 'reaction:send' }, async (caller, { sessionId, emoji }) => {
  const { io } = caller;
  const { limiter, batcher } = reactionsOf(io);
  const wait = limiter.take(`${caller.userId}:${sessionId}`);
  if (wait > 0) throw new RateLimitedError('engage.reactionTooFast', wait);
  batcher.add(sessionId, emoji);
  return {};
});
