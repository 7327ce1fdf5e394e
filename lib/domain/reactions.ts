/**
 * The reactions and their limits, without zod: the hall phone's page imports
 * these, and its JavaScript budget has no room for the schema library.
 */
export const REACTION_EMOJIS = ['👏', '❤️', '😂', '👍', '🎉', '🤔'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

/** Reactions are coalesced per session: at most one `reaction:burst` per session in this interval. */
export const REACTION_INTERVAL_MS = 250;
/** Per person and session: a bucket of this many reactions, refilled at REACTION_REFILL_PER_SECOND. */
export const REACTION_BURST = 6;
export const REACTION_REFILL_PER_SECOND = 3;
