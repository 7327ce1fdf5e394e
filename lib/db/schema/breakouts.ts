import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { events, sessions } from './programme';

export const breakoutMode = pgEnum('breakout_mode', ['manual', 'random', 'balanced', 'self_select']);
/** open → closing (the warning countdown) → closed. At most one run per session is not closed. */
export const breakoutStatus = pgEnum('breakout_status', ['open', 'closing', 'closed']);

/**
 * A group that outlives one session: prepared from the roster before the
 * programme and reused on later days (a country team meets again, its notes
 * still there).
 */
export const breakoutCohorts = pgTable(
  'breakout_cohorts',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** The shared notes of every room this cohort met in. */
    notes: text().notNull().default(''),
    notesRev: integer().notNull().default(0),
    notesUpdatedAt: timestamp({ withTimezone: true }),
    notesUpdatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Its room is an in-hall table: in-hall members share one table laptop, online members join it by video. */
    inHallTable: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('breakout_cohorts_event_name_idx').on(t.eventId, t.name)],
);

export const breakoutCohortMembers = pgTable(
  'breakout_cohort_members',
  {
    cohortId: uuid()
      .notNull()
      .references(() => breakoutCohorts.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('breakout_cohort_members_user_idx').on(t.userId)],
);

export const breakoutRuns = pgTable(
  'breakout_runs',
  {
    id: uuid().primaryKey(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    mode: breakoutMode().notNull(),
    seed: text().notNull(),
    status: breakoutStatus().notNull().default('open'),
    openedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The countdown everyone sees; the server's clock decides, browsers only display it. */
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** While closing: when everyone is sent back. */
    returnAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** The last message broadcast to all rooms, shown to late joiners too. */
    lastBroadcast: text(),
    lastBroadcastAt: timestamp({ withTimezone: true }),
    rev: integer().notNull().default(1),
  },
  (t) => [
    index('breakout_runs_session_idx').on(t.sessionId, t.status),
    // The rule "one active run per session" is the database's, not a check-then-insert race.
    uniqueIndex('breakout_runs_one_active_idx').on(t.sessionId).where(sql`${t.status} <> 'closed'`),
  ],
);

export const breakoutRooms = pgTable(
  'breakout_rooms',
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid()
      .notNull()
      .references(() => breakoutRuns.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    name: text().notNull(),
    cohortId: uuid().references(() => breakoutCohorts.id, { onDelete: 'set null' }),
    /** Notes of a room without a cohort (a cohort room keeps them on the cohort). */
    notes: text().notNull().default(''),
    notesRev: integer().notNull().default(0),
    inHallTable: boolean().notNull().default(false),
    /** Self-select: how many may choose it (null: no limit). */
    capacity: integer(),
  },
  (t) => [
    uniqueIndex('breakout_rooms_run_position_idx').on(t.runId, t.position),
    check('breakout_rooms_capacity_chk', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** Who belongs in which room now. Moves update the row; the history is in breakout_attendance. */
export const breakoutAssignments = pgTable(
  'breakout_assignments',
  {
    runId: uuid()
      .notNull()
      .references(() => breakoutRuns.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roomId: uuid()
      .notNull()
      .references(() => breakoutRooms.id, { onDelete: 'cascade' }),
    assignedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.userId] }), index('breakout_assignments_room_idx').on(t.roomId)],
);

/** Who was in which room and when (for attendance reports): one row per stay; leftAt null while there. */
export const breakoutAttendance = pgTable(
  'breakout_attendance',
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid()
      .notNull()
      .references(() => breakoutRuns.id, { onDelete: 'cascade' }),
    roomId: uuid()
      .notNull()
      .references(() => breakoutRooms.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The visiting moderator, not a member of the room. */
    visitor: boolean().notNull().default(false),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('breakout_attendance_room_idx').on(t.roomId, t.userId),
    index('breakout_attendance_open_idx').on(t.runId).where(sql`${t.leftAt} is null`),
    check('breakout_attendance_interval_chk', sql`${t.leftAt} is null or ${t.leftAt} >= ${t.joinedAt}`),
  ],
);

export const breakoutHelpRequests = pgTable(
  'breakout_help_requests',
  {
    id: uuid().primaryKey(),
    runId: uuid()
      .notNull()
      .references(() => breakoutRuns.id, { onDelete: 'cascade' }),
    roomId: uuid()
      .notNull()
      .references(() => breakoutRooms.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('breakout_help_run_idx').on(t.runId, t.resolvedAt)],
);

/** Per-room chat. Session chat is keyed by programme session; a room's talk stays in the room. */
export const breakoutMessages = pgTable(
  'breakout_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    roomId: uuid()
      .notNull()
      .references(() => breakoutRooms.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The browser's id: a retried send finds the first message instead of posting twice. */
    clientId: uuid().notNull().unique(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('breakout_messages_room_idx').on(t.roomId, t.createdAt)],
);
