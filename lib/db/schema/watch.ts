import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './auth';
import { sessions } from './programme';

/**
 * A moderator's invitation to someone watching the session's HLS stream to come into the
 * interactive call. Stored, so an acknowledged invitation survives the watcher's reconnect and a
 * restart; accepting puts the person on stage (live_people.onStage), as the call's own invitation does.
 */
export const watchInvitations = pgTable(
  'watch_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The moderator's id for the promote request: a retried request finds this row instead of inviting twice. */
    clientId: uuid().notNull().unique(),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    status: text({ enum: ['pending', 'accepted', 'declined'] }).notNull().default('pending'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('watch_invitations_session_idx').on(t.sessionId, t.userId),
    // One open invitation per person and session: a second moderator's click finds the first.
    uniqueIndex('watch_invitations_pending_uq').on(t.sessionId, t.userId).where(sql`${t.status} = 'pending'`),
  ],
);
