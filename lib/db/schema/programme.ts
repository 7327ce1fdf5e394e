import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

export const memberRole = pgEnum('member_role', ['organizer', 'moderator', 'presenter', 'participant']);
export const attendanceMode = pgEnum('attendance_mode', ['in_person', 'remote']);
export const sessionKind = pgEnum('session_kind', ['plenary', 'panel', 'workshop', 'breakout_work', 'break', 'other']);
export const liveMode = pgEnum('live_mode', ['webinar', 'meeting']);

export const events = pgTable('events', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  title: text().notNull(),
  description: text().notNull().default(''),
  timeZone: text().notNull(),
  startDate: date().notNull(),
  endDate: date().notNull(),
  venueName: text().notNull().default(''),
  venueAddress: text().notNull().default(''),
  joinCode: text().notNull().unique(),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const eventMembers = pgTable(
  'event_members',
  {
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole().notNull().default('participant'),
    attendanceMode: attendanceMode().notNull().default('remote'),
    /** ISO 3166-1 alpha-2, upper case. */
    country: text(),
    organisation: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('event_members_user_idx').on(t.userId),
    check('event_members_country_chk', sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    description: text().notNull().default(''),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    kind: sessionKind().notNull().default('plenary'),
    speakers: jsonb().$type<string[]>().notNull().default([]),
    venueRoom: text().notNull().default(''),
    liveMode: liveMode().notNull().default('webinar'),
  },
  (t) => [
    index('sessions_event_idx').on(t.eventId, t.startsAt),
    check('sessions_time_chk', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);
