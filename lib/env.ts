import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const UNITS = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;

/**
 * A size in bytes: `65536`, `64kb`, `1mb`, `1.5mb` (1 kb = 1024 bytes). The syntax is the one
 * Next.js's `serverActions.bodySizeLimit` parses, so next.config.js can pass the same value on.
 */
export function parseByteSize(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!match) return null;
  const unit = (match[2]?.toLowerCase() ?? 'b') as keyof typeof UNITS;
  return Math.floor(Number(match[1]) * UNITS[unit]);
}

const byteSize = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const bytes = parseByteSize(v);
      if (bytes === null || bytes < 1024 || bytes > UNITS.gb) {
        ctx.addIssue({ code: 'custom', message: 'a size between 1kb and 1gb, e.g. 65536, 64kb or 5mb' });
        return z.NEVER;
      }
      return bytes;
    });

const flag = z.enum(['0', '1']).default('0').transform((v) => v === '1');

const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/**
 * Every environment variable Balai reads, validated once. Other modules read
 * `env()`, never `process.env`, so the README's configuration table has one
 * source to check against.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Unset: every interface, IPv6 and IPv4 ("localhost" resolves to ::1 first for browsers and Node).
  HOST: optionalString,
  DATABASE_URL: optionalString,
  BALAI_DATA_DIR: z.string().default('./data'),
  REDIS_URL: optionalString,
  /** Put before every Redis key, stream and channel Balai uses, so several deployments can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{0,64}$/, 'letters, digits and : _ . - only (at most 64)')
    .default('balai:'),
  /** This node's name among the Balai nodes sharing one Redis (unset: host name, port and process id). */
  BALAI_NODE_ID: optionalString,
  /** The address other Balai nodes reach this node's pipe transports at (a private address between nodes); unset: MEDIASOUP_ANNOUNCED_ADDRESS, else 127.0.0.1. */
  BALAI_NODE_ADDRESS: optionalString,
  /** The local address pipe transports (media between Balai nodes) listen on. */
  PIPE_LISTEN_IP: z.string().trim().min(1).default('0.0.0.0'),
  /** UDP ports of pipe transports (media between Balai nodes); open them between the nodes only. */
  PIPE_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(50000),
  PIPE_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(50999),
  /** A node silent this long (no heartbeat in Redis) is taken for dead: its people leave presence and rooms. */
  BALAI_NODE_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(300).default(6),
  /** On SIGTERM a node asks its clients to move and exits once empty or after this many seconds. */
  BALAI_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(20),
  NEXTAUTH_URL: optionalString,
  NEXTAUTH_SECRET: optionalString,
  /** Extra origins allowed to open a Socket.IO connection, comma separated. */
  ALLOWED_ORIGINS: optionalString,
  /** SMTP server for invitation e-mails (smtp://user:pass@host:587 or smtps://…); unset: links are shown to the organizer to copy. */
  SMTP_URL: optionalString,
  /** The From address of Balai's e-mails. */
  SMTP_FROM: z.string().trim().min(3).default('Balai <no-reply@balai.invalid>'),
  /** 1: seed the demo programme into an empty database; always: seed it unless present; 0: never. */
  BALAI_SEED_DEMO: z.enum(['0', '1', 'always']).default('1'),
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_ID: optionalString,
  GOOGLE_SECRET: optionalString,
  OIDC_ISSUER: optionalString,
  OIDC_ID: optionalString,
  OIDC_SECRET: optionalString,
  OIDC_NAME: optionalString,
  /** mediasoup workers to start; 0 means one per CPU core. */
  MEDIASOUP_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  /** The local address WebRTC transports listen on. */
  MEDIASOUP_LISTEN_IP: z.string().trim().min(1).default('0.0.0.0'),
  /** The public IP or host name put in ICE candidates (needed behind NAT or when listening on 0.0.0.0). */
  MEDIASOUP_ANNOUNCED_ADDRESS: optionalString,
  RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
  RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(49999),
  /** When set, each worker runs a WebRtcServer on one port (this one, the next for the second worker…) instead of a port per transport. */
  MEDIASOUP_WEBRTC_SERVER_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  /** Automatic captions: the speech-to-text engine (`pocketsphinx`); unset, captions are typed by captioners only. */
  CAPTIONS_ENGINE: z.enum(['pocketsphinx']).optional(),
  /** The engine's model on disk (PocketSphinx: the directory with en-us/, en-us.lm.bin, cmudict-en-us.dict). Never downloaded. */
  CAPTIONS_MODEL: optionalString,
  /** The language code automatic captions are labelled with (the model's language). */
  CAPTIONS_LANGUAGE: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).default('en'),
  /** TURN/STUN URLs handed to browsers for networks that block UDP (comma separated, e.g. turns:turn.example.org:443). */
  TURN_URLS: optionalString,
  TURN_USERNAME: optionalString,
  TURN_CREDENTIAL: optionalString,
  /** 1: send the Content-Security-Policy as Content-Security-Policy-Report-Only (violations are reported, nothing is blocked). */
  CSP_REPORT_ONLY: flag,
  /** Where browsers send CSP violation reports (the policy's report-uri); unset: reports only show in the browser console. */
  CSP_REPORT_URI: optionalString,
  /**
   * 1: a reverse proxy in front of Balai sets X-Forwarded-Proto and X-Forwarded-For, and they are believed
   * (HSTS, Secure cookies; the client's address for throttling is the last X-Forwarded-For entry).
   */
  TRUST_PROXY: flag,
  /** Largest request body for sign-in, sign-up and joining by code. */
  AUTH_BODY_LIMIT: byteSize('32kb'),
  /** Largest request body for everything else: JSON requests, forms and server actions. */
  BODY_LIMIT: byteSize('1mb'),
  /** Largest request body for uploads (the participant CSV import); Next.js's own server-action limit (next.config.js) follows it. */
  UPLOAD_BODY_LIMIT: byteSize('5mb'),
  /** Largest Socket.IO message (Socket.IO's maxHttpBufferSize); a bigger one closes that connection. */
  SOCKET_MESSAGE_LIMIT: byteSize('1mb'),
  // Throttling of sign-in, joining by code, sign-up and invitations (lib/auth/throttle.ts). Each limit is the
  // number of counted attempts allowed before the waits start; raise them for a load test from one address.
  BALAI_LIMIT_SIGNIN_ACCOUNT: limit(5),
  BALAI_LIMIT_SIGNIN_IP: limit(30),
  BALAI_LIMIT_JOIN_IP: limit(10),
  BALAI_LIMIT_JOIN_EVENT: limit(300),
  BALAI_LIMIT_SIGNUP_IP: limit(10),
  BALAI_LIMIT_INVITE_IP: limit(10),
  /** The first wait once a limit is reached; each further attempt doubles it, up to the window. */
  BALAI_LIMIT_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  /** Counts are forgotten this long after the last counted attempt; also the longest wait. */
  BALAI_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(10).max(7 * 86_400).default(900),
  // Requests over Socket.IO (server/realtime/request-limit.ts): how many writes one connection and one person
  // (over all their connections and processes), and how many reads one connection, may send per window.
  BALAI_LIMIT_SOCKET_WRITES: limit(120),
  BALAI_LIMIT_PERSON_WRITES: limit(240),
  BALAI_LIMIT_SOCKET_READS: limit(120),
  BALAI_LIMIT_REQUEST_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** How often every open socket's session is checked against the database (revoked sessions drop). */
  BALAI_SESSION_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The ffmpeg binary for recording, streaming out, HLS and ingest (ffprobe is looked for beside it); default: ffmpeg on PATH. */
  FFMPEG_PATH: optionalString,
  /** Where recordings are written; default: recordings/ under BALAI_DATA_DIR. */
  RECORDING_DIR: optionalString,
  /** The ports a session's RTMP input (the hall mixer's feed) may listen on, one per session with its input on. */
  INGEST_RTMP_PORT_MIN: z.coerce.number().int().min(1024).max(65535).default(19350),
  INGEST_RTMP_PORT_MAX: z.coerce.number().int().min(1024).max(65535).default(19369),
  /** The address RTMP inputs listen on. */
  INGEST_LISTEN_IP: z.string().trim().min(1).default('0.0.0.0'),
  /** The host name put in the RTMP input URL shown to organizers; default: NEXTAUTH_URL's host. */
  INGEST_PUBLIC_HOST: optionalString,
  /** A recording stops with a clear error when the data directory's disk has less free space than this (MB). */
  RECORDING_MIN_FREE_MB: z.coerce.number().int().min(0).max(1_000_000).default(512),
  /** The TrueType font burned-in captions are drawn with (Debian's fonts-dejavu-core). */
  RECORDING_CAPTION_FONT: z.string().trim().min(1).default('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  /** S3-compatible object storage for finished recordings; all of endpoint-or-region, bucket and keys, or none. */
  RECORDING_S3_ENDPOINT: optionalString,
  RECORDING_S3_BUCKET: optionalString,
  RECORDING_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  RECORDING_S3_ACCESS_KEY_ID: optionalString,
  RECORDING_S3_SECRET_ACCESS_KEY: optionalString,
  /** Path-style addressing (`endpoint/bucket/key`), which MinIO, moto and most self-hosted servers want. */
  RECORDING_S3_FORCE_PATH_STYLE: flag,
  /** A folder inside the bucket (e.g. `balai/`). */
  RECORDING_S3_PREFIX: z.string().trim().default(''),
});

export type Env = z.infer<typeof EnvSchema>;

// The upload limit is Next.js's server-action limit too (next.config.js), so it must cover every other limit.
const CheckedEnvSchema = EnvSchema.refine((e) => e.UPLOAD_BODY_LIMIT >= e.BODY_LIMIT && e.BODY_LIMIT >= e.AUTH_BODY_LIMIT, {
  message: 'UPLOAD_BODY_LIMIT must be at least BODY_LIMIT, and BODY_LIMIT at least AUTH_BODY_LIMIT',
  path: ['UPLOAD_BODY_LIMIT'],
}).refine((e) => !e.RECORDING_S3_BUCKET || (e.RECORDING_S3_ACCESS_KEY_ID && e.RECORDING_S3_SECRET_ACCESS_KEY), {
  message: 'RECORDING_S3_BUCKET needs RECORDING_S3_ACCESS_KEY_ID and RECORDING_S3_SECRET_ACCESS_KEY',
  path: ['RECORDING_S3_BUCKET'],
});

/** For tests that change a limit between cases: the next env() reads process.env again. */
export function resetEnvCache(): void {
  cached = undefined;
}

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = CheckedEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
    }
    cached = parsed.data;
  }
  return cached;
}
