import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { sessions } from './programme';

/** A session's waiting room switch (off unless a moderator turned it on). */
export const sessionLobbies = pgTable('session_lobbies', {
  sessionId: uuid()
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  enabled: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One person's place in a session's waiting room. The row decides access
 * while the lobby is on, so it lives here and survives restarts and reconnects.
 */
export const lobbyEntries = pgTable(
  'lobby_entries',
  {
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** waiting | admitted | denied */
    status: text({ enum: ['waiting', 'admitted', 'denied'] }).notNull(),
    /** The moderator's message to a denied person. */
    message: text().notNull().default(''),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('lobby_entries_waiting_idx').on(t.sessionId, t.status, t.requestedAt)],
);

/** A raised hand, kept in order of raising; lowering deletes the row. Hall phones raise hands too. */
export const raisedHands = pgTable(
  'raised_hands',
  {
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    raisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('raised_hands_order_idx').on(t.sessionId, t.raisedAt)],
);
