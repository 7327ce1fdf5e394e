import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { sessions } from './programme';

/**
 * A session's language access: the floor language, the languages interpreted
 * into, who signs, and whether captions go to the projector. One row per
 * session; no row means no interpretation.
 */
export const sessionLanguages = pgTable('session_languages', {
  sessionId: uuid()
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  floorLanguage: text().notNull(),
  /** Interpretation languages (BCP 47 codes), in the organizer's order; never contains the floor language. */
  languages: text().array().notNull().default([]),
  /** The participant whose video is pinned for every viewer (sign-language interpreter). */
  signInterpreterId: uuid().references(() => users.id, { onDelete: 'set null' }),
  captionsOnDisplay: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** An interpreter of a session into one language; two per language take turns. */
export const sessionInterpreters = pgTable(
  'session_interpreters',
  {
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    language: text().notNull(),
    /** A breakout room this interpreter works in (null: the main room). */
    breakoutRoomId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId, t.language] })],
);

/** People who type live captions (CART) for a session. */
export const sessionCaptioners = pgTable(
  'session_captioners',
  {
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/** The session's transcript: every caption line, typed or recognised. */
export const captionLines = pgTable(
  'caption_lines',
  {
    /** Chosen by the captioner's browser (or the engine): a retried send finds the first line. */
    id: uuid().primaryKey(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    speakerName: text().notNull(),
    language: text().notNull(),
    text: text().notNull(),
    /** 'human' (captioner) or 'auto' (speech-to-text). */
    source: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('caption_lines_session_idx').on(t.sessionId, t.startedAt)],
);
