import { z } from 'zod';
import { notice, request } from './define';

const SessionRef = z.object({ sessionId: z.uuid() });

export const RaisedHandSchema = z.object({
  userId: z.string(),
  name: z.string(),
  raisedAt: z.string(),
  /** In the online call right now (otherwise: a hall phone, or the session page without the call). */
  inCall: z.boolean(),
  onStage: z.boolean(),
});
export type RaisedHand = z.infer<typeof RaisedHandSchema>;

export const HandStateSchema = z.object({
  sessionId: z.string(),
  /** When the caller raised their hand, or null. */
  mine: z.string().nullable(),
  /** In order of raising; for presenters and moderators only. */
  queue: z.array(RaisedHandSchema).nullable(),
  can: z.object({ manage: z.boolean() }),
});
export type HandState = z.infer<typeof HandStateSchema>;

export const handClientEvents = {
  'hand:join': request(SessionRef, HandStateSchema),
  /** Raise or lower one's own hand. */
  'hand:raise': request(SessionRef.extend({ raised: z.boolean() }), z.object({ raisedAt: z.string().nullable() })),
  /** Moderators: lower someone's hand. */
  'hand:lower': request(SessionRef.extend({ userId: z.uuid() }), z.object({})),
  /** Moderators: invite someone from the queue to the stage (the media stage invitation) and lower their hand. */
  'hand:invite': request(SessionRef.extend({ userId: z.uuid() }), z.object({})),
};

export const handServerEvents = {
  /** To presenters and moderators: the queue after any change. */
  'hand:queue': notice(z.object({ sessionId: z.string(), queue: z.array(RaisedHandSchema) })),
  /** To the person (all their tabs): their own hand changed. */
  'hand:mine': notice(z.object({ sessionId: z.string(), raisedAt: z.string().nullable() })),
  /** To the person: a moderator invited them to the stage. */
  'hand:invited': notice(z.object({ sessionId: z.string() })),
};
