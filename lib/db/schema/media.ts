import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { sessions } from './programme';

/** Moderator decisions about a session's live room that must survive a restart. */
export const liveRoomSettings = pgTable('live_room_settings', {
  sessionId: uuid()
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  locked: boolean().notNull().default(false),
  screenShareOpen: boolean().notNull().default(false),
  /** The organizer's choice: people arriving in a breakout room get their microphone on (never a hall phone). */
  breakoutMicOn: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Per person in a session's live room: invited to the stage, or removed by a moderator. */
export const liveRoomPeople = pgTable(
  'live_room_people',
  {
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    onStage: boolean().notNull().default(false),
    removed: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The browser's id for the message: a retried send finds the first one instead of posting twice. */
    clientId: uuid().notNull().unique(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
    deletedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('chat_messages_session_idx').on(t.sessionId, t.createdAt)],
);
