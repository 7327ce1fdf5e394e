import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * People. A guest (joined in the hall by event code + display name) has no
 * email and no password; an invited person has an email but no password until
 * they sign up, which claims the row.
 */
export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  email: text().unique(),
  emailVerified: timestamp({ withTimezone: true }),
  image: text(),
  passwordHash: text(),
  isGuest: boolean().notNull().default(false),
  timeZone: text(),
  locale: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// The next-auth tables (OAuth accounts, database sessions, email tokens).
export const accounts = pgTable(
  'accounts',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refreshToken: text(),
    accessToken: text(),
    expiresAt: integer(),
    tokenType: text(),
    scope: text(),
    idToken: text(),
    sessionState: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

/**
 * The sessions that are signed in. Balai's session cookie is a JWT carrying
 * this row's id (`sid`); every request and socket checks the row, so deleting
 * it (sign-out, sign-out everywhere, a password change) ends the session on
 * the server, not just in the browser that held the cookie.
 */
export const authSessions = pgTable('auth_sessions', {
  sessionToken: text().primaryKey(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index().on(t.userId)]);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * Throttling counters when there is no Redis (lib/auth/throttle.ts): attempts
 * counted under a key (`signin-account:<email>`, `join-ip:<address>` …) and
 * when the last one was, so a count is forgotten a window after it.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text().primaryKey(),
  hits: integer().notNull(),
  lastHitAt: timestamp({ withTimezone: true }).notNull(),
  /** The attempt before the last one: whether the last one was allowed is decided from it. */
  previousHitAt: timestamp({ withTimezone: true }),
});
