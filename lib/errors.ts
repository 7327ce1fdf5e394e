import { errorText, type ErrorKey, type ErrorParams, type ErrorText } from './i18n/error-text';
import type { Locale } from './i18n/locales';
import type { ErrorCode } from './contracts/error-codes';

export { ERROR_CODES, type ErrorCode } from './contracts/error-codes';

/**
 * An expected failure with a code the client can act on; anything else is
 * `internal`. The text is a key so each boundary can say it in the caller's
 * language; `message` is the English text, for logs and tests.
 */
export class DomainError extends Error {
  readonly text: ErrorText;
  constructor(
    readonly code: ErrorCode,
    key: ErrorKey,
    params?: ErrorParams,
  ) {
    super(errorText('en', key, params));
    this.name = 'DomainError';
    this.text = params ? { key, params } : { key };
  }
}

/** Too many requests: the ack carries when a retry can succeed. */
export class RateLimitedError extends DomainError {
  constructor(
    key: ErrorKey,
    readonly retryAfterMs: number,
  ) {
    super('rate_limited', key);
  }
}

type NotFoundKey = Extract<ErrorKey, `notFound.${string}`> extends `notFound.${infer T}` ? T : never;

export const forbidden = (key: ErrorKey = 'general.forbidden', params?: ErrorParams) => new DomainError('forbidden', key, params);
export const notFound = (what: NotFoundKey) => new DomainError('not_found', `notFound.${what}`);

/** The error in the reader's language. */
export const errorMessage = (err: DomainError, locale: Locale) => errorText(locale, err.text.key, err.text.params);
