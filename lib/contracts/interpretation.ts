import { z } from 'zod';
import { LanguageCodeSchema, MAX_INTERPRETATION_LANGUAGES } from '../domain/languages';
import { notice, request } from './define';
import { DtlsParametersSchema, RtpCapabilitiesSchema, RtpParametersSchema, TransportOptionsSchema } from './media';

/**
 * Simultaneous interpretation. A session has a floor language and
 * interpretation languages; each live room (main or breakout) then has one
 * channel per interpretation language. A channel is a stable server-side
 * stream: listeners consume it once, and the interpreter speaking into it
 * changes behind it (hand-over) without their consumer changing.
 */

const SessionRef = z.object({ sessionId: z.uuid() });
/** Channel ids are minted by the server per live room; a listener can only name a channel of the room it is in. */
const ChannelId = z.uuid();

export const InterpreterSchema = z.object({ userId: z.string(), name: z.string(), language: LanguageCodeSchema, breakoutRoomId: z.string().nullable() });
export type Interpreter = z.infer<typeof InterpreterSchema>;

export const LanguageSetupSchema = z.object({
  sessionId: z.string(),
  floorLanguage: LanguageCodeSchema.nullable(),
  languages: z.array(LanguageCodeSchema),
  interpreters: z.array(InterpreterSchema),
  signInterpreterId: z.string().nullable(),
  captionsOnDisplay: z.boolean(),
  captioners: z.array(z.object({ userId: z.string(), name: z.string() })),
  /** Rooms of the running breakouts, where an interpreter can be placed. */
  breakoutRooms: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The event's members, for choosing interpreters and captioners; organizers and moderators only. */
  members: z.array(z.object({ userId: z.string(), name: z.string() })),
});
export type LanguageSetup = z.infer<typeof LanguageSetupSchema>;

export const ChannelSchema = z.object({
  channelId: z.string(),
  language: LanguageCodeSchema,
  /** Someone is speaking into it now (an interpreter holds it and is not muted). */
  live: z.boolean(),
  /** The interpreter holding the channel (their user id), if any. */
  holderUserId: z.string().nullable(),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const RoomLanguagesSchema = z.object({
  floorLanguage: LanguageCodeSchema.nullable(),
  channels: z.array(ChannelSchema),
  /** Languages the caller interprets into in this room (empty for listeners). */
  interpreting: z.array(LanguageCodeSchema),
  /** The caller's own user id, to tell whether they hold a channel. */
  userId: z.string(),
});
export type RoomLanguages = z.infer<typeof RoomLanguagesSchema>;

const ConsumerOptions = z.object({
  consumerId: z.string(),
  producerId: z.string(),
  kind: z.literal('audio'),
  rtpParameters: z.unknown(),
});

export const interpretationClientEvents = {
  /** The session's language setup; organizers and moderators get the member list to choose from. */
  'interpretation:setup': request(SessionRef, LanguageSetupSchema),
  'interpretation:configure': request(
    SessionRef.extend({
      floorLanguage: LanguageCodeSchema,
      languages: z.array(LanguageCodeSchema).max(MAX_INTERPRETATION_LANGUAGES),
    }),
    LanguageSetupSchema,
  ),
  /** Assigns (or unassigns) an interpreter for one language, in the main room or one breakout room. */
  'interpretation:assign': request(
    SessionRef.extend({ userId: z.uuid(), language: LanguageCodeSchema, assigned: z.boolean(), breakoutRoomId: z.uuid().nullable().default(null) }),
    LanguageSetupSchema,
  ),
  /** Marks (or clears) the session's sign-language interpreter: their video is pinned for every viewer. */
  'interpretation:set-sign-interpreter': request(SessionRef.extend({ userId: z.uuid().nullable() }), LanguageSetupSchema),
  /** The channels of the caller's live room (after media:join). */
  'interpretation:channels': request(z.object({}), RoomLanguagesSchema),
  /** An interpreter's voice into their channel, on their media send transport; never part of the floor. */
  'interpretation:produce': request(
    z.object({ channelId: ChannelId, transportId: z.string().min(1).max(64), rtpParameters: RtpParametersSchema }),
    z.object({ producerId: z.string(), holding: z.boolean() }),
  ),
  /** Cough button: the interpreter's voice stops reaching the channel while muted. */
  'interpretation:mute': request(z.object({ channelId: ChannelId, muted: z.boolean() }), z.object({})),
  /** The holder passes the channel to their partner (who must be connected with a voice). */
  'interpretation:hand-over': request(z.object({ channelId: ChannelId }), z.object({ holderUserId: z.string() })),
  /** Takes a channel nobody holds (the partner left, say). */
  'interpretation:take': request(z.object({ channelId: ChannelId }), z.object({ holderUserId: z.string() })),
  /** Listen to one channel (null: floor only). Any earlier channel consumer of this socket closes. */
  'interpretation:listen': request(z.object({ channelId: ChannelId.nullable() }), z.object({ consumer: ConsumerOptions.nullable() })),
  /**
   * A hall phone as an interpretation receiver: a receive-only transport on the
   * session's main room, without becoming a peer of it (no tile, no floor, no
   * video). Refused with `conflict` while the session's room is not live.
   */
  'interpretation:receive': request(
    SessionRef,
    z.object({ routerRtpCapabilities: z.unknown(), transport: TransportOptionsSchema, floorLanguage: LanguageCodeSchema.nullable(), channels: z.array(ChannelSchema) }),
  ),
  'interpretation:receive-connect': request(z.object({ dtlsParameters: DtlsParametersSchema }), z.object({})),
  /** The phone's channel (null: none); its consumer starts flowing at once (audio needs no key frame). */
  'interpretation:receive-listen': request(
    z.object({ channelId: ChannelId.nullable(), rtpCapabilities: RtpCapabilitiesSchema }),
    z.object({ consumer: ConsumerOptions.nullable() }),
  ),
};

export const interpretationServerEvents = {
  /** To a hall phone: the room it received from closed (everyone left, a restart); it should ask again. */
  'interpretation:receive-closed': notice(z.object({})),
  /** To everyone in a live room: channels came or went, or their holder or live state changed. */
  'interpretation:channels-changed': notice(RoomLanguagesSchema.omit({ interpreting: true, userId: true })),
  /** To the session's organizers' setup pages and live rooms: languages or roles changed. */
  'interpretation:setup-changed': notice(z.object({ sessionId: z.string() })),
};

export type InterpretationSetupInput = z.input<(typeof interpretationClientEvents)['interpretation:configure']['payload']>;
export { MAX_INTERPRETATION_LANGUAGES };
