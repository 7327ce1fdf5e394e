import { z } from 'zod';
import { ATTENDANCE_MODES, LIVE_MODES, ROLES, SESSION_KINDS } from '../domain/roles';
import { isValidTimeZone } from '../domain/time';
import { normalizeCountry } from '../domain/countries';
import { DisplayNameSchema, EmailSchema } from './auth';

export const UuidSchema = z.uuid({ message: 'validation.id' });
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'validation.dateTime');
const Day = z.iso.date({ message: 'validation.day' });

export const TimeZoneSchema = z.string().refine(isValidTimeZone, 'validation.timeZone');
/** A country as ISO 3166-1 alpha-2 (codes or English names accepted); empty means unknown. */
export const CountrySchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return null;
    const code = normalizeCountry(v);
    if (!code) {
      ctx.addIssue({ code: 'custom', message: 'validation.unknownCountry', params: { value: v } });
      return z.NEVER;
    }
    return code;
  });

export const EventInputSchema = z
  .object({
    title: z.string().trim().min(3, 'validation.eventTitle').max(200),
    description: z.string().trim().max(5000).default(''),
    timeZone: TimeZoneSchema,
    startDate: Day,
    endDate: Day,
    venueName: z.string().trim().max(200).default(''),
    venueAddress: z.string().trim().max(500).default(''),
  })
  .refine((e) => e.endDate >= e.startDate, { message: 'validation.eventEndsAfterStart', path: ['endDate'] });
export type EventInput = z.infer<typeof EventInputSchema>;

/** Times are wall-clock times in the event's zone, as typed by the organizer. */
export const SessionInputSchema = z
  .object({
    title: z.string().trim().min(1, 'validation.sessionTitle').max(200),
    description: z.string().trim().max(5000).default(''),
    startsAt: LocalDateTime,
    endsAt: LocalDateTime,
    kind: z.enum(SESSION_KINDS),
    speakers: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
    venueRoom: z.string().trim().max(120).default(''),
    liveMode: z.enum(LIVE_MODES),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: 'validation.sessionEndsAfterStart', path: ['endsAt'] });
export type SessionInput = z.infer<typeof SessionInputSchema>;

export const MemberInputSchema = z.object({
  name: DisplayNameSchema,
  email: EmailSchema,
  role: z.enum(ROLES),
  attendanceMode: z.enum(ATTENDANCE_MODES),
  country: CountrySchema.default(''),
  organisation: z.string().trim().max(200).default(''),
});
export type MemberInput = z.infer<typeof MemberInputSchema>;
