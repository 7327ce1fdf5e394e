import { z } from 'zod';
import { LanguageCodeSchema } from '../domain/languages';
import { notice, request } from './define';

/**
 * Live captions: lines from a human captioner (typed, sent as they are typed)
 * or from the speech-to-text engine, each with the speaker's name and the
 * language. Final lines are stored per session (the transcript) and replayed
 * to late joiners.
 */

export const CAPTION_MAX = 500;
export const CAPTION_REPLAY = 30;
const SessionRef = z.object({ sessionId: z.uuid() });

export const CaptionLineSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  speakerName: z.string(),
  language: LanguageCodeSchema,
  text: z.string(),
  source: z.enum(['human', 'auto']),
  /** Still being typed or recognised: the next line with this id replaces it. */
  final: z.boolean(),
  at: z.string(),
});
export type CaptionLine = z.infer<typeof CaptionLineSchema>;

export const CaptionsStateSchema = z.object({
  sessionId: z.string(),
  lines: z.array(CaptionLineSchema),
  onDisplay: z.boolean(),
  /** The caller may type captions (an assigned captioner). */
  captioner: z.boolean(),
  /** Speech-to-text runs on this server (CAPTIONS_ENGINE is set). */
  automatic: z.boolean(),
});
export type CaptionsState = z.infer<typeof CaptionsStateSchema>;

export const captionClientEvents = {
  /** Receive the session's captions from now on, and the last lines so far. */
  'captions:join': request(SessionRef, CaptionsStateSchema),
  /** A captioner's line; the same `lineId` again updates it (typing), `final` stores it in the transcript. */
  'captions:send': request(
    SessionRef.extend({
      lineId: z.uuid(),
      text: z.string().trim().min(1, 'validation.captionEmpty').max(CAPTION_MAX, 'validation.captionTooLong'),
      language: LanguageCodeSchema,
      final: z.boolean(),
      /** Whose words these are, as the captioner hears them (the captioner's own name when empty). */
      speakerName: z.string().trim().max(80).default(''),
    }),
    CaptionLineSchema,
  ),
  'captions:assign': request(SessionRef.extend({ userId: z.uuid(), assigned: z.boolean() }), z.object({})),
  'captions:set-display': request(SessionRef.extend({ onDisplay: z.boolean() }), z.object({ onDisplay: z.boolean() })),
};

export const captionServerEvents = {
  'captions:line': notice(CaptionLineSchema),
  /** Captions on the projector turned on or off (to the projector: with the last lines). */
  'captions:display-changed': notice(z.object({ sessionId: z.string(), onDisplay: z.boolean(), lines: z.array(CaptionLineSchema) })),
};
