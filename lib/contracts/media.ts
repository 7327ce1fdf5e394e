import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { notice, request } from './define';

/**
 * Live media signalling (mediasoup). The browser never names a live room: the
 * server decides which room a socket is in (see docs/live-rooms.md) and every
 * id in these payloads is looked up inside that room only.
 */

// mediasoup blobs are produced by mediasoup-client and read by mediasoup; we
// check their shape and size here and let mediasoup do the deep validation.
const MAX_BLOB_CHARS = 24_000;
const sized = <T extends z.ZodType>(schema: T, max = MAX_BLOB_CHARS) =>
  schema.refine((v) => JSON.stringify(v).length <= max, `Too large (over ${max} characters).`);

const Id = z.string().min(1).max(64);
const Mime = z.string().regex(/^(audio|video)\/[A-Za-z0-9.+-]{1,40}$/, 'validation.mediaType');
const CodecParameters = z.record(z.string().max(64), z.union([z.string().max(256), z.number()])).refine((r) => Object.keys(r).length <= 20);
const RtcpFeedback = z.object({ type: z.string().max(32), parameter: z.string().max(32).optional() });

const RtpCodecParameters = z.looseObject({
  mimeType: Mime,
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: CodecParameters.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(20).optional(),
});
const RtpEncoding = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: z.number().int().min(0).max(127).optional(),
  rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  scaleResolutionDownBy: z.number().min(1).max(64).optional(),
  maxBitrate: z.number().int().positive().optional(),
  maxFramerate: z.number().positive().optional(),
});
const HeaderExtension = z.looseObject({
  uri: z.string().max(200),
  id: z.number().int().min(1).max(255),
  encrypt: z.boolean().optional(),
  parameters: CodecParameters.optional(),
});
export const RtpParametersSchema = sized(
  z.looseObject({
    mid: z.string().max(32).optional(),
    codecs: z.array(RtpCodecParameters).min(1).max(10),
    headerExtensions: z.array(HeaderExtension).max(20).optional(),
    encodings: z.array(RtpEncoding).min(1).max(4),
    rtcp: z.looseObject({ cname: z.string().max(128).optional(), reducedSize: z.boolean().optional() }).optional(),
  }),
);

const RtpCodecCapability = z.looseObject({
  kind: z.enum(['audio', 'video']),
  mimeType: Mime,
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: CodecParameters.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(20).optional(),
});
export const RtpCapabilitiesSchema = sized(
  z.looseObject({
    codecs: z.array(RtpCodecCapability).max(80),
    headerExtensions: z
      .array(
        z.looseObject({
          kind: z.enum(['audio', 'video']),
          uri: z.string().max(200),
          preferredId: z.number().int().min(1).max(255),
        }),
      )
      .max(40)
      .optional(),
  }),
  60_000,
);

export const DtlsParametersSchema = sized(
  z.object({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z
      .array(z.object({ algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']), value: z.string().max(200) }))
      .min(1)
      .max(5),
  }),
  2_000,
);

export const MEDIA_SOURCES = ['camera', 'microphone', 'screen', 'screen-audio'] as const;
export type MediaSource = z.infer<typeof MediaSourceSchema>;
export const MediaSourceSchema = z.enum(MEDIA_SOURCES);

export const MediaPeerSchema = z.object({
  peerId: z.string(),
  userId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** The venue laptop (projector, room camera and microphone). */
  hall: z.boolean(),
  onStage: z.boolean(),
  handRaised: z.boolean(),
});
export type MediaPeer = z.infer<typeof MediaPeerSchema>;

export const RemoteProducerSchema = z.object({
  producerId: z.string(),
  peerId: z.string(),
  kind: z.enum(['audio', 'video']),
  source: MediaSourceSchema,
  paused: z.boolean(),
});
export type RemoteProducer = z.infer<typeof RemoteProducerSchema>;

export const RoomSettingsSchema = z.object({
  locked: z.boolean(),
  screenShareOpen: z.boolean(),
  /** Set by organizers on the session's settings page (`session:set-breakout-mic`), not from the call. */
  breakoutMicOn: z.boolean(),
});
export type RoomSettings = z.infer<typeof RoomSettingsSchema>;

/** What the server lets this caller do right now (the UI hides the rest; the server re-checks every time). */
export const MediaGrantsSchema = z.object({
  camera: z.boolean(),
  microphone: z.boolean(),
  screen: z.boolean(),
  moderate: z.boolean(),
});
export type MediaGrants = z.infer<typeof MediaGrantsSchema>;

export const MediaJoinSchema = z.object({
  sessionId: z.uuid(),
  /** Join as the hall device (projector laptop); needs the hall-device permission. */
  hall: z.boolean().default(false),
});
export const MediaJoinedSchema = z.object({
  roomKey: z.string(),
  peerId: z.string(),
  routerRtpCapabilities: z.unknown(),
  peers: z.array(MediaPeerSchema),
  producers: z.array(RemoteProducerSchema),
  settings: RoomSettingsSchema,
  grants: MediaGrantsSchema,
  activeSpeakerPeerId: z.string().nullable(),
  /** The peer a moderator spotlighted for everyone, if any. */
  spotlightPeerId: z.string().nullable(),
});
export type MediaJoined = z.infer<typeof MediaJoinedSchema>;

const TransportIdSchema = z.object({ transportId: Id });
export const TransportOptionsSchema = z.object({
  id: z.string(),
  iceParameters: z.unknown(),
  iceCandidates: z.array(z.unknown()),
  dtlsParameters: z.unknown(),
  /** TURN servers the browser may relay through when direct UDP/TCP to the SFU is blocked. */
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
});

const ProducerRef = z.object({ producerId: Id });
const ConsumerRef = z.object({ consumerId: Id });
const PeerRef = z.object({ peerId: Id });
const Empty = z.object({});

export const mediaClientEvents = {
  'media:join': request(MediaJoinSchema, MediaJoinedSchema),
  'media:leave': request(Empty, Empty),
  'media:set-capabilities': request(z.object({ rtpCapabilities: RtpCapabilitiesSchema }), Empty),
  'media:create-transport': request(z.object({ direction: z.enum(['send', 'recv']) }), TransportOptionsSchema),
  'media:connect-transport': request(TransportIdSchema.extend({ dtlsParameters: DtlsParametersSchema }), Empty),
  'media:restart-ice': request(TransportIdSchema, z.object({ iceParameters: z.unknown() })),
  'media:produce': request(
    TransportIdSchema.extend({
      kind: z.enum(['audio', 'video']),
      source: MediaSourceSchema,
      rtpParameters: RtpParametersSchema,
      paused: z.boolean().default(false),
    }).refine((p) => (p.kind === 'audio') === (p.source === 'microphone' || p.source === 'screen-audio'), {
      message: 'validation.sourceKind',
      path: ['source'],
    }),
    z.object({ producerId: z.string() }),
  ),
  'media:pause-producer': request(ProducerRef, Empty),
  'media:resume-producer': request(ProducerRef, Empty),
  'media:close-producer': request(ProducerRef, Empty),
  'media:consume': request(
    ProducerRef,
    z.object({
      consumerId: z.string(),
      producerId: z.string(),
      kind: z.enum(['audio', 'video']),
      rtpParameters: z.unknown(),
      /** Consumers start paused; resume once the track is attached. */
      producerPaused: z.boolean(),
    }),
  ),
  'media:resume-consumer': request(ConsumerRef, Empty),
  'media:pause-consumer': request(ConsumerRef, Empty),
  'media:set-preferred-layers': request(
    ConsumerRef.extend({ spatialLayer: z.number().int().min(0).max(2), temporalLayer: z.number().int().min(0).max(2).optional() }),
    Empty,
  ),
  'media:raise-hand': request(z.object({ raised: z.boolean() }), Empty),
  // Moderation: the server re-reads the caller's role on every one of these.
  'media:mute-peer': request(PeerRef, Empty),
  'media:stop-screen': request(PeerRef, Empty),
  'media:remove-peer': request(PeerRef, Empty),
  'media:update-settings': request(
    z.object({ locked: z.boolean().optional(), screenShareOpen: z.boolean().optional() }).refine((p) => Object.keys(p).length > 0, 'validation.nothingToChange'),
    RoomSettingsSchema,
  ),
  'media:set-stage': request(z.object({ userId: z.uuid(), onStage: z.boolean() }), Empty),
  /** Puts one peer of the caller's live room large on everyone's stage; `null` ends the spotlight. */
  'media:set-spotlight': request(z.object({ peerId: Id.nullable() }), Empty),
};

export const mediaServerEvents = {
  'media:peer-joined': notice(z.object({ peer: MediaPeerSchema })),
  'media:peer-left': notice(z.object({ peerId: z.string() })),
  'media:peer-updated': notice(z.object({ peer: MediaPeerSchema })),
  'media:producer-added': notice(RemoteProducerSchema),
  'media:producer-closed': notice(z.object({ producerId: z.string() })),
  'media:producer-paused': notice(z.object({ producerId: z.string(), paused: z.boolean() })),
  /** The server closed one of this socket's own producers (a moderator stopped the screen share). */
  'media:own-producer-closed': notice(z.object({ producerId: z.string(), reason: z.enum(['moderator', 'permission']) })),
  /** A moderator paused this socket's microphone. */
  'media:muted': notice(z.object({ producerId: z.string() })),
  'media:active-speaker': notice(z.object({ peerId: z.string().nullable() })),
  'media:spotlight-changed': notice(z.object({ peerId: z.string().nullable() })),
  'media:settings-changed': notice(RoomSettingsSchema),
  'media:grants-changed': notice(MediaGrantsSchema),
  /** This socket's media left its live room: `moved` means join media again (another live room), `removed` means stop. */
  'media:room-left': notice(z.object({ reason: z.enum(['moved', 'removed', 'closed']), roomKey: z.string().nullable() })),
};
