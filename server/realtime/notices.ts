import type { ServerEventName, ServerEventPayload } from '../../lib/contracts/realtime';

/** Anything Socket.IO emits through: a room or socket selection, a socket, the server. */
interface Emitter {
  emit: unknown;
}

/**
 * Sends one server notice, its name and payload checked against the contract
 * by the types. The place where code whose name is a type parameter (a
 * broadcaster, a live room's notifier) meets Socket.IO's typed emit, so no
 * other module casts `emit` (tests/unit/room-names.test.ts checks).
 */
export function notice<K extends ServerEventName>(target: Emitter, name: K, payload: ServerEventPayload<K>): void {
  (target.emit as unknown as (n: K, p: ServerEventPayload<K>) => boolean)(name, payload);
}
