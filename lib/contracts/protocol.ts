/**
 * The version of the realtime contract a page was built against. A tab left open across a deploy
 * still runs the old page's code; when the contract changed, its requests would fail in odd ways
 * (unknown events, refused payloads). The page sends this number in the handshake and a server
 * with another version refuses the connection with `outdated_client`, which the page turns into
 * "Balai was updated: reload". Clients that send no number (scripts, benches, tests' bare sockets)
 * are not checked.
 *
 * tests/unit/protocol-version.test.ts fingerprints the whole contract: changing any event's schema
 * fails it until PROTOCOL_VERSION is raised and CONTRACT_FINGERPRINT updated, so a change cannot
 * ship without old tabs being told.
 */
export const PROTOCOL_VERSION = 2;
export const CONTRACT_FINGERPRINT = '15185658761ea314';

/** The handshake's `auth.protocol`, when the client sent a number. */
export function sentProtocol(auth: unknown): number | undefined {
  const value = (auth as { protocol?: unknown } | undefined)?.protocol;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
