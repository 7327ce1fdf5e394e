/**
 * The text forms of a check-in code, shared by the server and the helper's
 * phone (which answers offline from its roster). No secrets here: making a
 * code needs the server's key (lib/services/checkin.ts).
 */
export const QR_PREFIX = 'BALAI1';

/** Upper-cases and maps the letters people confuse with digits (Crockford base32), dropping spaces and dashes. */
export function normalizeTypedCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/U/g, 'V');
}

/** A QR text ("BALAI1:<event id>:<code>") or a typed code → the event it names (if any) and the normalized code. */
export function parseScannedCode(text: string): { eventId: string | null; code: string } {
  const parts = text.trim().split(':');
  if (parts.length === 3 && parts[0] === QR_PREFIX) return { eventId: parts[1]!.toLowerCase(), code: normalizeTypedCode(parts[2]!) };
  return { eventId: null, code: normalizeTypedCode(text) };
}

/** "K7QM-2XVD": how a code is printed and read aloud. */
export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/**
 * A rescan of the same person at the same room door within this time (and no
 * other door in between) is a duplicate: a helper scanning twice, or someone
 * stepping out for a minute. It would not change their attendance anyway.
 */
export const ROOM_RESCAN_MS = 5 * 60_000;
