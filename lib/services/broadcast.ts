import type { ServerEventName, ServerEventPayload } from '../contracts/realtime';

/**
 * Lets code that runs inside Next.js (server actions) notify live clients.
 * The Socket.IO server registers the emitter at start-up; the holder lives on
 * globalThis because Next.js bundles its own copy of this module.
 */
type Emit = <K extends ServerEventName>(rooms: string[], name: K, payload: ServerEventPayload<K>) => void;
const KEY = Symbol.for('balai.broadcast');
const holder = globalThis as { [KEY]?: Emit };

export function setBroadcaster(emit: Emit | undefined): void {
  holder[KEY] = emit;
}

export function broadcast<K extends ServerEventName>(rooms: string[], name: K, payload: ServerEventPayload<K>): void {
  holder[KEY]?.(rooms, name, payload);
}
