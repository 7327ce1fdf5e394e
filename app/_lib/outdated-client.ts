/**
 * "This tab is older than the server": set by the realtime client when the handshake answers
 * `outdated_client` (lib/contracts/protocol.ts), read by the notice in the page shell. Kept apart
 * from the realtime client so that the shell, present on every page, does not pull Socket.IO in.
 */
import { tabState } from './tab-state';

type Listener = () => void;
// Per tab: the call's boot script's connection marks it, the page's shell listens (tab-state.ts).
const tab = tabState('outdated', () => ({ message: null as string | null, listeners: new Set<Listener>() }));

export function markOutdated(text: string): void {
  if (tab.message !== null) return;
  tab.message = text;
  for (const l of tab.listeners) l();
}

export const outdatedMessage = (): string | null => tab.message;

export function onOutdated(listener: Listener): () => void {
  tab.listeners.add(listener);
  return () => tab.listeners.delete(listener);
}
