import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

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
  /** TURN/STUN URLs handed to browsers for networks that block UDP (comma separated, e.g. turns:turn.example.org:443). */
  TURN_URLS: optionalString,
  TURN_USERNAME: optionalString,
  TURN_CREDENTIAL: optionalString,
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
    }
    cached = parsed.data;
  }
  return cached;
}
