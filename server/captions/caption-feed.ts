import type { CaptionLine } from '../../lib/contracts/captions';

/**
 * Caption lines as this process sends them out, for the server's own consumers (a recording that
 * burns captions in). Every line, typed or recognised, passes `broadcastCaption`, which publishes
 * here. In-process only: with several nodes (REDIS_URL) a recording sees the lines sent through
 * its own node.
 */
type Listener = (line: CaptionLine) => void;

const KEY = Symbol.for('balai.caption-feed');
const listeners: Map<string, Set<Listener>> = ((globalThis as { [KEY]?: Map<string, Set<Listener>> })[KEY] ??= new Map());

export function publishCaptionLine(line: CaptionLine): void {
  for (const listener of listeners.get(line.sessionId) ?? []) {
    try {
      listener(line);
    } catch (err) {
      console.error('[captions] a caption listener failed', err);
    }
  }
}

/** Returns the unsubscribe function. */
export function onCaptionLine(sessionId: string, listener: Listener): () => void {
  let set = listeners.get(sessionId);
  if (!set) listeners.set(sessionId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(sessionId) === set) listeners.delete(sessionId);
  };
}
