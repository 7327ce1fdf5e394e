import { z } from 'zod';
import { notice, request } from './define';

const SessionRef = z.object({ sessionId: z.uuid() });
const DestinationRef = z.object({ destinationId: z.uuid() });

/** An RTMP(S) server URL without the key, e.g. rtmp://a.rtmp.youtube.com/live2 */
export const RtmpUrlSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^rtmps?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i, 'an rtmp:// or rtmps:// address');

export const STREAM_STATUSES = ['off', 'connecting', 'live', 'error'] as const;
export const DestinationStatusSchema = z.object({
  state: z.enum(STREAM_STATUSES),
  /** Why it is not live, said for people (the destination refused, the key was wrong…); never the key. */
  error: z.string().nullable(),
});
export type DestinationStatus = z.infer<typeof DestinationStatusSchema>;

/** A destination as organizers and moderators see it: the key never leaves the server. */
export const DestinationViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  url: z.string(),
  keySet: z.boolean(),
  status: DestinationStatusSchema,
});
export type DestinationView = z.infer<typeof DestinationViewSchema>;

export const IngestStatusSchema = z.object({
  /** off; waiting for the mixer to push; live (frames arrive); error (wrong key, disconnected…). */
  state: z.enum(['off', 'waiting', 'live', 'error']),
  error: z.string().nullable(),
});
export type IngestStatus = z.infer<typeof IngestStatusSchema>;

/** The hall mixer's WHIP input (RFC 9725): an endpoint URL and its bearer token, shown only to organizers and moderators. */
export const WhipViewSchema = z.object({
  enabled: z.boolean(),
  url: z.string().nullable(),
  token: z.string().nullable(),
  status: IngestStatusSchema,
});
export type WhipView = z.infer<typeof WhipViewSchema>;

/** The hall mixer's input as organizers and moderators see it; the key is shown only to them. */
export const IngestViewSchema = z.object({
  enabled: z.boolean(),
  url: z.string().nullable(),
  streamKey: z.string().nullable(),
  status: IngestStatusSchema,
  /** The same stage input over WHIP instead of RTMP, opened on its own. */
  whip: WhipViewSchema,
});
export type IngestView = z.infer<typeof IngestViewSchema>;

/** The watch-only (HLS) stream of a session. */
export const WatchStateSchema = z.object({
  enabled: z.boolean(),
  /** The playlist to play; null while off. */
  playlistUrl: z.string().nullable(),
  segmentSeconds: z.number(),
  can: z.object({ manage: z.boolean() }),
});
export type WatchState = z.infer<typeof WatchStateSchema>;

export const streamingClientEvents = {
  /** Anyone in the session: whether a watch-only stream runs, and where; notices from now on. */
  'watch:get': request(SessionRef, WatchStateSchema),
  /** Organizers and moderators: start or stop the watch-only stream. */
  'watch:enable': request(SessionRef, WatchStateSchema),
  'watch:disable': request(SessionRef, WatchStateSchema),
  /** Organizers and moderators: the session's RTMP input (URL and key), and its status notices from now on. */
  'ingest:get': request(SessionRef, IngestViewSchema),
  /** Opens the RTMP input: the mixer's feed becomes a producer on the stage. */
  'ingest:enable': request(SessionRef, IngestViewSchema),
  'ingest:disable': request(SessionRef, IngestViewSchema),
  /** Opens or closes the WHIP input: a mixer POSTing an SDP offer with the token becomes the stage. */
  'ingest:whip-enable': request(SessionRef, IngestViewSchema),
  'ingest:whip-disable': request(SessionRef, IngestViewSchema),
  /** Organizers and moderators: the session's destinations, and their status notices from now on. */
  'stream:destinations': request(SessionRef, z.object({ destinations: z.array(DestinationViewSchema) })),
  'stream:add-destination': request(
    SessionRef.extend({ clientId: z.uuid(), label: z.string().trim().min(1).max(80), url: RtmpUrlSchema, streamKey: z.string().trim().min(1).max(500) }),
    DestinationViewSchema,
  ),
  'stream:remove-destination': request(DestinationRef, z.object({})),
  /** Go live to this destination (the composed stage), or stop. */
  'stream:start': request(DestinationRef, DestinationViewSchema),
  'stream:stop': request(DestinationRef, DestinationViewSchema),
};

export const streamingServerEvents = {
  /** To everyone in the session: the watch-only stream started or stopped; ask again. */
  'watch:changed': notice(SessionRef),
  /** To organizers and moderators of the session: the RTMP input's status changed. */
  'ingest:status': notice(SessionRef.extend({ status: IngestStatusSchema })),
  /** To organizers and moderators of the session: the WHIP input's status changed. */
  'ingest:whip-status': notice(SessionRef.extend({ status: IngestStatusSchema })),
  /** To organizers and moderators of the session: a destination's status changed. */
  'stream:status': notice(SessionRef.extend({ destinationId: z.string(), status: DestinationStatusSchema })),
  /** To organizers and moderators: the list of destinations changed; ask again. */
  'stream:destinations-changed': notice(SessionRef),
};
