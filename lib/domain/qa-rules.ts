/**
 * Q&A limits and states, free of zod so that browser code (the phone page
 * has a JavaScript budget) can import them without the schema library.
 */
export const QA_TEXT_MAX = 500;
export const QA_REASON_MAX = 300;
export const QA_STATUSES = ['pending', 'approved', 'rejected', 'answered', 'archived', 'withdrawn', 'merged'] as const;
export type QaStatus = (typeof QA_STATUSES)[number];
export const QA_MODERATIONS = ['pre', 'post'] as const;
export type QaModeration = (typeof QA_MODERATIONS)[number];

/** The statuses every participant of the session may see (others' questions in other statuses never reach them). */
export const PUBLIC_STATUSES: readonly QaStatus[] = ['approved', 'answered'];
