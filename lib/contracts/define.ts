import { z } from 'zod';
import type { ErrorCode } from './error-codes';

/** A client→server request: a payload schema and the schema of the data its ack carries. */
export const request = <P extends z.ZodType, R extends z.ZodType>(payload: P, result: R) => ({ payload, result });
/** A server→client notice. */
export const notice = <P extends z.ZodType>(payload: P) => ({ payload });

/** `retryAfterMs` comes with some `rate_limited` errors: when trying again can succeed. */
export type AckError = { code: ErrorCode; message: string; retryAfterMs?: number };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
