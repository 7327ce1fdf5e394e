/**
 * Coalesces result fan-outs per poll: a burst of answers marks the poll dirty,
 * and at most one flush per poll runs every `intervalMs`. A flush reads the
 * results from the database, so the last one after the burst carries the
 * exact final counts; an answer committed while a flush is reading marks the
 * poll dirty again and gets a flush of its own.
 */
export class ResultCoalescer {
  private readonly state = new Map<string, { timer?: NodeJS.Timeout; running: boolean; dirty: boolean }>();

  constructor(
    private readonly intervalMs: number,
    private readonly flush: (pollId: string) => Promise<void>,
  ) {}

  mark(pollId: string): void {
    const s = this.state.get(pollId) ?? { running: false, dirty: false };
    this.state.set(pollId, s);
    s.dirty = true;
    if (!s.timer && !s.running) s.timer = setTimeout(() => void this.run(pollId), this.intervalMs);
  }

  /** Sends now (a close: the final results should not wait), after any flush in progress. */
  async now(pollId: string): Promise<void> {
    const s = this.state.get(pollId);
    if (s?.timer) clearTimeout(s.timer), (s.timer = undefined);
    if (s?.running) {
      s.dirty = true;
      return;
    }
    this.state.set(pollId, { running: false, dirty: true });
    await this.run(pollId);
  }

  private async run(pollId: string): Promise<void> {
    const s = this.state.get(pollId);
    if (!s) return;
    s.timer = undefined;
    s.dirty = false;
    s.running = true;
    try {
      await this.flush(pollId);
    } catch (err) {
      console.error('[polls] result fan-out failed', err);
    } finally {
      s.running = false;
      if (s.dirty) s.timer = setTimeout(() => void this.run(pollId), this.intervalMs);
      else this.state.delete(pollId);
    }
  }

  stop(): void {
    for (const s of this.state.values()) if (s.timer) clearTimeout(s.timer);
    this.state.clear();
  }
}
