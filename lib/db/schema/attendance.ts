import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { eventMembers, events, sessions } from './programme';

export const registrationSource = pgEnum('registration_source', ['invite', 'import', 'link', 'code']);

/** What the programme layer adds to a membership: how the person registered and what they need to take part. */
export const memberDetails = pgTable(
  'member_details',
  {
    eventId: uuid().notNull(),
    userId: uuid().notNull(),
    registeredVia: registrationSource().notNull().default('invite'),
    accessibilityNeeds: text().notNull().default(''),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    foreignKey({ columns: [t.eventId, t.userId], foreignColumns: [eventMembers.eventId, eventMembers.userId] }).onDelete('cascade'),
    check('member_details_needs_chk', sql`char_length(${t.accessibilityNeeds}) <= 1000`),
  ],
);

/**
 * One invitation per member. The link carries the id and an HMAC of it, so no
 * secret token is stored; re-inviting refreshes `createdAt` and sends again.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    sendError: text(),
    acceptedAt: timestamp({ withTimezone: true }),
    /**
     * The language the invitation is written in ('en' | 'id'): the organizer's choice, else their UI
     * language when they invited. Kept here rather than written into users.locale, which is the
     * person's own choice: an organizer's guess must not become the invitee's profile language
     * (their UI after signing in, other events' mail), and a resend must reuse it. Null: sent before
     * invitations had a language. The invitee's users.locale, once they set it, wins over this.
     */
    locale: text({ enum: ['en', 'id'] }),
  },
  (t) => [unique('invitations_member_uq').on(t.eventId, t.userId)],
);

/** The event's open registration link: anyone with it may register until it closes or is full. */
export const registrationLinks = pgTable(
  'registration_links',
  {
    eventId: uuid()
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    token: text().notNull().unique(),
    capacity: integer().notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    open: text({ enum: ['open', 'paused'] })
      .notNull()
      .default('open'),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('registration_links_capacity_chk', sql`${t.capacity} between 1 and 100000`)],
);

/** A person in the hall on a day (event time zone). The unique key is the duplicate rule. */
export const checkins = pgTable(
  'checkins',
  {
    id: uuid().primaryKey(),
    eventId: uuid().notNull(),
    userId: uuid().notNull(),
    day: date().notNull(),
    checkedInAt: timestamp({ withTimezone: true }).notNull(),
    checkedInBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('checkins_person_day_uq').on(t.eventId, t.userId, t.day),
    foreignKey({ columns: [t.eventId, t.userId], foreignColumns: [eventMembers.eventId, eventMembers.userId] }).onDelete('cascade'),
    index('checkins_event_day_idx').on(t.eventId, t.day),
  ],
);

/**
 * Every scan a helper's phone sent, keyed by the id the phone generated when
 * it scanned. A queued scan that is sent twice (the ack was lost) finds its
 * first answer here instead of being counted again or reported as a duplicate.
 */
export const checkinScans = pgTable(
  'checkin_scans',
  {
    id: uuid().primaryKey(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    helperId: uuid().references(() => users.id, { onDelete: 'set null' }),
    outcome: text({ enum: ['checked_in', 'duplicate', 'room_entered', 'room_duplicate', 'other_event', 'unknown_code'] }).notNull(),
    /** The room door the helper stood at; null at the venue entrance. */
    venueRoom: text(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    otherEventTitle: text(),
    scannedAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('checkin_scans_event_idx').on(t.eventId, t.receivedAt)],
);

/**
 * A person scanned at a room's door (the venue room of sessions). The id is
 * the phone's scan id, like the check-in's. Rescans of the same person at the
 * same door within a few minutes are duplicates and not stored here; the
 * attendance report reads these rows to tell which track a person sat in.
 */
export const roomScans = pgTable(
  'room_scans',
  {
    id: uuid().primaryKey(),
    eventId: uuid().notNull(),
    userId: uuid().notNull(),
    venueRoom: text().notNull(),
    scannedAt: timestamp({ withTimezone: true }).notNull(),
    scannedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.eventId, t.userId], foreignColumns: [eventMembers.eventId, eventMembers.userId] }).onDelete('cascade'),
    index('room_scans_event_room_idx').on(t.eventId, t.venueRoom, t.scannedAt),
    index('room_scans_person_idx').on(t.eventId, t.userId, t.scannedAt),
    check('room_scans_room_chk', sql`char_length(${t.venueRoom}) between 1 and 120`),
  ],
);

/**
 * One row per live connection's stay in a session: opened when the socket
 * joins, closed when it leaves or disconnects. `lastSeenAt` is refreshed while
 * the process lives, so intervals a crashed process left open are closed at
 * the last moment they were known to be true.
 */
export const attendanceIntervals = pgTable(
  'attendance_intervals',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    connectionId: text().notNull(),
    joinedAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    leftAt: timestamp({ withTimezone: true }),
    closedBy: text({ enum: ['leave', 'disconnect', 'shutdown', 'stale'] }),
  },
  (t) => [
    index('attendance_intervals_event_idx').on(t.eventId, t.userId),
    index('attendance_intervals_open_idx')
      .on(t.connectionId)
      .where(sql`${t.leftAt} is null`),
    check('attendance_intervals_order_chk', sql`${t.leftAt} is null or ${t.leftAt} >= ${t.joinedAt}`),
  ],
);

export const attendanceSettings = pgTable(
  'attendance_settings',
  {
    eventId: uuid()
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    certificateThreshold: integer().notNull().default(75),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('attendance_settings_threshold_chk', sql`${t.certificateThreshold} between 0 and 100`)],
);

export interface CertificateSession {
  title: string;
  startsAt: string;
  /** The session's day in the event's time zone. */
  day: string;
  minutes: number;
  where: 'hall' | 'online' | 'both';
}

/** An issued certificate: a snapshot of what was attended, findable by its public verification code. */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    participantName: text().notNull(),
    eventTitle: text().notNull(),
    percent: integer().notNull(),
    minutes: integer().notNull(),
    sessions: jsonb().$type<CertificateSession[]>().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('certificates_member_uq').on(t.eventId, t.userId)],
);
