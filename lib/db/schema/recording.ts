import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { sessions } from './programme';

/**
 * One recording of a session's stage: one MP4 once it is ready. While it runs, its segments sit in
 * its directory under the data directory; a row left 'recording' or 'paused' by a crash is finished
 * from those segments at the next start.
 */
export const recordings = pgTable(
  'recordings',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** The browser's id for the start request: a retried start finds this row instead of starting twice. */
    clientId: uuid().notNull().unique(),
    startedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    status: text({ enum: ['recording', 'paused', 'processing', 'ready', 'failed'] }).notNull().default('recording'),
    /** Who may watch and download it: staff (organizers and moderators), every participant, or anyone with the link. */
    visibility: text({ enum: ['staff', 'participants', 'public'] }).notNull().default('staff'),
    /** The secret in a public link; set when visibility is public. */
    publicToken: text(),
    /** Where the finished file lives: a path under the data directory (local:) or an object key (s3:). */
    storageKey: text(),
    durationMs: integer(),
    sizeBytes: bigint({ mode: 'number' }),
    error: text(),
    /** The session's caption lines are burned into the picture (chosen when starting; off by default). */
    burnCaptions: boolean().notNull().default(false),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('recordings_session_idx').on(t.sessionId, t.startedAt)],
);

/**
 * Where a session's stage is streamed live (YouTube Live, Facebook, any RTMP server). The stream key
 * is a secret: only organizers and moderators ever see that one is set, never the key itself.
 */
export const streamDestinations = pgTable(
  'stream_destinations',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** The browser's id for the add request: a retried add finds the first one. */
    clientId: uuid().notNull().unique(),
    label: text().notNull(),
    /** rtmp:// or rtmps:// server URL without the key. */
    url: text().notNull(),
    streamKey: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stream_destinations_session_idx').on(t.sessionId)],
);
