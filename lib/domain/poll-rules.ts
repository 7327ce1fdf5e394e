/** Poll kinds, states and limits: shared by contracts, services and pages. */
export const POLL_KINDS = ['single', 'multiple', 'rating', 'open', 'word_cloud', 'ranking', 'quiz'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const POLL_STATUSES = ['draft', 'live', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];
export const RESULTS_VISIBILITY = ['live', 'after_close'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITY)[number];

export const POLL_QUESTION_MAX = 300;
export const POLL_OPTION_MAX = 120;
export const POLL_OPTIONS_MAX = 12;
/** Open-text answers. */
export const POLL_TEXT_MAX = 280;
/** Word-cloud answers: a word or a short phrase. */
export const POLL_WORD_MAX = 40;
export const QUIZ_TIMER_MAX = 600;

/** Kinds whose answers name options of the poll. */
export const OPTION_KINDS: readonly PollKind[] = ['single', 'multiple', 'ranking', 'quiz'];
export const hasOptions = (kind: PollKind) => OPTION_KINDS.includes(kind);
