import { z } from 'zod';
import { notice, request } from './define';
import { QaSnapshotSchema } from './qa';
import { PollSnapshotSchema } from './polls';
import { DtlsParametersSchema, RtpCapabilitiesSchema, TransportOptionsSchema } from './media';

/**
 * The projector's link: a socket opened with a display token (no account)
 * may send only these requests. It receives the public Q&A and the polls shown
 * on the display, then the same notices as the audience; and the session's
 * sign-language interpreter's video, the one stream a projector may consume.
 */
export const displayClientEvents = {
  'display:join': request(
    z.object({}),
    z.object({ sessionId: z.string(), title: z.string(), qa: QaSnapshotSchema, polls: PollSnapshotSchema }),
  ),
  /**
   * A receive-only transport on the session's main room, for the sign-language
   * interpreter's camera only (never a peer: no tile, no audio, no other
   * video). Refused with `conflict` while the session's room is not live.
   */
  'display:sign-open': request(z.object({}), z.object({ routerRtpCapabilities: z.unknown(), transport: TransportOptionsSchema })),
  'display:sign-connect': request(z.object({ dtlsParameters: DtlsParametersSchema }), z.object({})),
  /** The signer's camera, created paused (resume after the browser's consumer exists, so a key frame comes); null: no signer on camera now. */
  'display:sign-watch': request(
    z.object({ rtpCapabilities: RtpCapabilitiesSchema }),
    z.object({
      signer: z.object({ name: z.string(), consumerId: z.string(), producerId: z.string(), kind: z.literal('video'), rtpParameters: z.unknown() }).nullable(),
    }),
  ),
  'display:sign-resume': request(z.object({ consumerId: z.string().min(1).max(64) }), z.object({})),
};

export const displayServerEvents = {
  /** The link was revoked: the projector stops showing anything. */
  'display:revoked': notice(z.object({ sessionId: z.string() })),
  /** The signer changed, started or stopped their camera, or the room closed: watch again. */
  'display:sign-changed': notice(z.object({})),
};
