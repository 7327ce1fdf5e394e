import { z } from 'zod';
import { ATTENDANCE_MODES, ROLES } from '../domain/roles';
import { LOCALES } from '../i18n/locales';
import { CountrySchema, TimeZoneSchema } from './programme';

/** The language an invitation is written in; absent: the inviting organizer's own language. */
export const InvitationLanguageSchema = z.enum(LOCALES).optional();

/** Defaults applied to every address of an invitation list. */
export const InviteListSchema = z.object({
  language: InvitationLanguageSchema,
  text: z.string().max(200_000, 'validation.listTooLong'),
  role: z.enum(ROLES),
  attendanceMode: z.enum(ATTENDANCE_MODES),
  country: z.string().max(60).default(''),
  organisation: z.string().trim().max(200).default(''),
});
export type InviteList = z.infer<typeof InviteListSchema>;

const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'validation.dateTime');

export const RegistrationLinkInputSchema = z.object({
  capacity: z.coerce.number().int('validation.wholeNumber').min(1, 'validation.atLeastOnePlace').max(100_000),
  /** Wall-clock time in the event's zone. */
  closesAt: LocalDateTime,
  open: z.enum(['open', 'paused']),
});
export type RegistrationLinkInput = z.infer<typeof RegistrationLinkInputSchema>;

/**
 * What a participant may change about themselves. The attendance mode is not
 * here on purpose: only an organizer changes it (it decides badges and seats).
 */
export const ProfileInputSchema = z.object({
  country: CountrySchema,
  organisation: z.string().trim().max(200),
  timeZone: TimeZoneSchema,
  locale: z.enum(LOCALES),
  accessibilityNeeds: z.string().trim().max(1000, 'validation.tooLong'),
});
export type ProfileInput = z.infer<typeof ProfileInputSchema>;

/** Registering through the open link: the person's own choices. */
export const RegistrationInputSchema = ProfileInputSchema.extend({ attendanceMode: z.enum(ATTENDANCE_MODES) });
export type RegistrationInput = z.infer<typeof RegistrationInputSchema>;
