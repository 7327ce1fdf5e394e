export const ERROR_CODES = ['invalid_payload', 'unauthenticated', 'forbidden', 'not_found', 'rate_limited', 'conflict', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure with a code the client can act on; anything else is `internal`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const forbidden = (message = 'You are not allowed to do that.') => new DomainError('forbidden', message);
export const notFound = (what: string) => new DomainError('not_found', `${what} not found.`);
