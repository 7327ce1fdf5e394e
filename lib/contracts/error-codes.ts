/** The error codes an ack may carry; part of the wire contract, so clients import them from here. */
export const ERROR_CODES = ['invalid_payload', 'unauthenticated', 'forbidden', 'not_found', 'rate_limited', 'conflict', 'internal', 'outdated_client'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
