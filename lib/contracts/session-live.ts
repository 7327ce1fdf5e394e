import { z } from 'zod';
import { LIVE_MODES, SESSION_KINDS } from '../domain/roles';
import { notice, request } from './define';

export const LiveSessionSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  kind: z.enum(SESSION_KINDS),
  speakers: z.array(z.string()),
  venueRoom: z.string(),
  liveMode: z.enum(LIVE_MODES),
});
export type LiveSession = z.infer<typeof LiveSessionSchema>;

/** What an organizer may change while a session runs, without opening the editor. */
export const SessionPatchSchema = z.object({
  sessionId: z.uuid(),
  patch: z
    .object({
      title: z.string().trim().min(1).max(200),
      description: z.string().trim().max(5000),
      venueRoom: z.string().trim().max(120),
      liveMode: z.enum(LIVE_MODES),
    })
    .partial()
    .refine((p) => Object.keys(p).length > 0, 'validation.nothingToChange'),
});

export const sessionClientEvents = {
  'session:update': request(SessionPatchSchema, LiveSessionSchema),
  /** Organizers: whether people arriving in this session's breakout rooms get their microphone on. */
  'session:set-breakout-mic': request(z.object({ sessionId: z.uuid(), on: z.boolean() }), z.object({ breakoutMicOn: z.boolean() })),
};

export const sessionServerEvents = {
  'session:updated': notice(LiveSessionSchema),
};
