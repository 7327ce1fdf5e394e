import { createHash } from 'node:crypto';
import { z } from 'zod';
import { clientEvents, serverEvents } from './realtime';

/**
 * A digest of every event of the realtime contract (names and JSON Schemas of payloads and
 * results): any change to what goes over the wire changes it. Server-side and tests only
 * (node:crypto); see protocol.ts for what it guards.
 */
export function contractFingerprint(): string {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input', cycles: 'ref' });
  const parts: unknown[] = [];
  for (const [name, e] of Object.entries(clientEvents).sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(['client', name, schema(e.payload), schema(e.result)]);
  }
  for (const [name, e] of Object.entries(serverEvents).sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(['server', name, schema(e.payload)]);
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
