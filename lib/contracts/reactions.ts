import { z } from 'zod';
import { notice, request } from './define';
import { REACTION_EMOJIS } from '../domain/reactions';

export * from '../domain/reactions';

/** Anything but the six reactions is `invalid_payload`. */
export const ReactionEmojiSchema = z.enum(REACTION_EMOJIS, { message: 'validation.reactionEmoji' });

const SessionRef = z.object({ sessionId: z.uuid() });

export const ReactionCountsSchema = z.partialRecord(ReactionEmojiSchema, z.number().int().positive());
export type ReactionCounts = z.infer<typeof ReactionCountsSchema>;

export const reactionClientEvents = {
  /** Start receiving a session's reactions (the stage, the presenter view, the staff display). */
  'reaction:join': request(SessionRef, z.object({ sessionId: z.string() })),
  'reaction:leave': request(SessionRef, z.object({})),
  /** Too fast → `rate_limited` with `retryAfterMs`. */
  'reaction:send': request(SessionRef.extend({ emoji: ReactionEmojiSchema }), z.object({})),
};

export const reactionServerEvents = {
  /** Every reaction of a session in the last interval, counted per emoji. */
  'reaction:burst': notice(z.object({ sessionId: z.string(), counts: ReactionCountsSchema, total: z.number().int().positive() })),
};
