/**
 * "This tab is older than the server": set by the realtime client when the handshake answers
 * `outdated_client` (lib/contracts/protocol.ts), read by the notice in the page shell. Kept apart
 * from the realtime client so that the shell, present on every page, does not pull Socket.IO in.
 */
type Listener = () => void;
let message: string | null = null;
const listeners = new Set<Listener>();

export function markOutdated(text: string): void {
  if (message !== null) return;
  message = text;
  for (const l of listeners) l();
}

export const outdatedMessage = (): string | null => message;

export function onOutdated(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
