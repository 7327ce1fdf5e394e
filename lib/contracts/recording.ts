import { z } from 'zod';
import { notice, request } from './define';

const SessionRef = z.object({ sessionId: z.uuid() });
const RecordingRef = z.object({ recordingId: z.uuid() });

export const RECORDING_VISIBILITIES = ['staff', 'participants', 'public'] as const;
export const RecordingVisibilitySchema = z.enum(RECORDING_VISIBILITIES);
export type RecordingVisibility = z.infer<typeof RecordingVisibilitySchema>;

/** The recording running in a session now, as everyone in it sees it (the indicator). */
export const ActiveRecordingSchema = z.object({
  recordingId: z.string(),
  status: z.enum(['recording', 'paused']),
  startedAt: z.string(),
  /** Captions are burned into the picture. */
  burnCaptions: z.boolean(),
});
export type ActiveRecording = z.infer<typeof ActiveRecordingSchema>;

export const RecordingStateSchema = z.object({
  sessionId: z.string(),
  active: ActiveRecordingSchema.nullable(),
  /** Why the last recording stopped by itself (full disk, FFmpeg missing), for the staff; null otherwise. */
  problem: z.string().nullable(),
});
export type RecordingState = z.infer<typeof RecordingStateSchema>;

export const RecordingSummarySchema = z.object({
  id: z.string(),
  status: z.enum(['recording', 'paused', 'processing', 'ready', 'failed']),
  visibility: RecordingVisibilitySchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  error: z.string().nullable(),
  /** Where to watch (range requests) and download; null until ready. */
  url: z.string().nullable(),
  /** The link for anyone, when visibility is public and the caller manages recordings. */
  publicUrl: z.string().nullable(),
});
export type RecordingSummary = z.infer<typeof RecordingSummarySchema>;

export const recordingClientEvents = {
  /** The session's recording state (joining people are told), and its notices from now on. */
  'recording:join': request(SessionRef, RecordingStateSchema.extend({ can: z.object({ manage: z.boolean() }) })),
  /** Moderators and organizers. `clientId` makes a retried start find the first one. */
  'recording:start': request(SessionRef.extend({ clientId: z.uuid(), burnCaptions: z.boolean().default(false) }), ActiveRecordingSchema),
  'recording:pause': request(SessionRef, ActiveRecordingSchema),
  'recording:resume': request(SessionRef, ActiveRecordingSchema),
  'recording:stop': request(SessionRef, z.object({ recordingId: z.string() })),
  /** The recordings of a session the caller may watch. */
  'recording:list': request(SessionRef, z.object({ recordings: z.array(RecordingSummarySchema), can: z.object({ manage: z.boolean() }) })),
  'recording:set-visibility': request(RecordingRef.extend({ visibility: RecordingVisibilitySchema }), RecordingSummarySchema),
  'recording:delete': request(RecordingRef, z.object({})),
};

export const recordingServerEvents = {
  /** To everyone in the session: recording started, paused, resumed or stopped. */
  'recording:state': notice(RecordingStateSchema),
  /** To everyone in the session: the list of recordings changed (one became ready, was deleted…); ask again. */
  'recording:list-changed': notice(SessionRef),
};
