import Papa from 'papaparse';
import { z } from 'zod';
import { db, type Db } from '../db/client';
import { normalizeEmail } from '../db/queries/users';
import {
  deleteMember,
  memberRoleAndMode,
  organizerEmails,
  organizerIds,
  recordArrival,
  setRoleAndMode,
  upsertMemberRow,
  userIdForEmail,
} from '../db/queries/members';
import { MemberInputSchema, type MemberInput } from '../contracts/programme';
import { ATTENDANCE_MODES, ROLES, type AttendanceMode, type Role } from '../domain/roles';
import { DomainError } from '../errors';
import { errorText, issueText } from '../i18n/error-text';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { authorize } from './authorize';
import { liveAccess } from './live-access';
import { deliverInvitations, ensureInvitations, type InvitationLink, type Invitee } from './invitations';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface UpsertOptions {
  /** How a new member arrived (kept for existing members). */
  via: 'invite' | 'import' | 'link' | 'code';
  /** Keep an existing member's role / attendance mode when the input did not say (an import without those columns). */
  keepRole?: boolean;
  keepMode?: boolean;
}

/**
 * Adds a person to the event. Someone without an account gets a user row with
 * their email and no password; signing up with that email claims it. An
 * existing organizer is never demoted this way: roles change on the People
 * table, where the last-organizer rule is checked.
 */
export async function upsertMember(
  tx: Tx,
  eventId: string,
  input: MemberInput,
  options: UpsertOptions = { via: 'invite' },
): Promise<{ status: 'added' | 'updated'; userId: string }> {
  const email = normalizeEmail(input.email);
  const userId = await userIdForEmail(tx, input.name, email);
  const existing = await memberRoleAndMode(tx, eventId, userId);
  const role = existing && options.keepRole ? existing.role : input.role;
  const attendanceMode = existing && options.keepMode ? existing.attendanceMode : input.attendanceMode;
  if (existing?.role === 'organizer' && role !== 'organizer') {
    throw new DomainError('conflict', 'registration.organizerByEmail', { email });
  }
  const values = { role, attendanceMode, country: input.country, organisation: input.organisation };
  await upsertMemberRow(tx, eventId, userId, values);
  await recordArrival(tx, eventId, userId, options.via);
  return { status: existing ? 'updated' : 'added', userId };
}

/**
 * `language`: the one the organizer picked for the invitation; else `organizerLocale`,
 * the language the organizer is using Balai in.
 */
export async function inviteMember(
  actorId: string,
  eventId: string,
  input: MemberInput,
  options: { language?: Locale; organizerLocale?: Locale } = {},
): Promise<'added' | 'updated'> {
  await authorize(actorId, eventId, 'member:invite');
  const d = await db();
  const locale = options.language ?? options.organizerLocale ?? DEFAULT_LOCALE;
  const { status, userId } = await d.transaction(async (tx) => {
    const result = await upsertMember(tx, eventId, input);
    await ensureInvitations(tx, eventId, actorId, [{ userId: result.userId, locale, chosen: Boolean(options.language) }]);
    return result;
  });
  // An existing member's role or mode may have changed.
  if (status === 'updated') await liveAccess()?.actorsChanged([userId]);
  await deliverInvitations(eventId, [userId]);
  return status;
}

export async function changeMember(
  actorId: string,
  eventId: string,
  userId: string,
  change: { role: Role; attendanceMode: AttendanceMode },
): Promise<void> {
  await authorize(actorId, eventId, 'member:change-role');
  const parsed = z.object({ role: z.enum(ROLES), attendanceMode: z.enum(ATTENDANCE_MODES) }).parse(change);
  const d = await db();
  await d.transaction(async (tx) => {
    if (parsed.role !== 'organizer') {
      // An event must keep at least one organizer, or nobody can manage it.
      const organizers = await organizerIds(tx, eventId);
      if (organizers.length === 1 && organizers[0] === userId) {
        throw new DomainError('conflict', 'registration.needsOrganizer');
      }
    }
    await setRoleAndMode(tx, eventId, userId, parsed);
  });
  // A demoted moderator's open sockets stop hearing what moderators hear, in every process, now.
  await liveAccess()?.memberChanged(eventId, userId);
}

/** Takes a person out of the event; their sockets inside it are disconnected. The last organizer stays. */
export async function removeMember(actorId: string, eventId: string, userId: string): Promise<void> {
  await authorize(actorId, eventId, 'member:remove');
  const d = await db();
  await d.transaction(async (tx) => {
    const organizers = await organizerIds(tx, eventId);
    if (organizers.length === 1 && organizers[0] === userId) throw new DomainError('conflict', 'registration.needsOrganizer');
    if (!(await deleteMember(tx, eventId, userId))) throw new DomainError('not_found', 'notFound.member');
  });
  await liveAccess()?.memberChanged(eventId, userId);
}

export interface ImportReport {
  added: number;
  updated: number;
  rejected: { row: number; email: string; reasons: string[] }[];
  /** Invitation links of the imported people (shown to copy when no SMTP server is configured). */
  invitations: InvitationLink[];
}

export interface ParsedRow {
  row: number;
  input: MemberInput;
  /** False when the file had no value for the column: an existing member keeps theirs. */
  given: { role: boolean; attendanceMode: boolean };
  /** The invitation's language from the file; absent: the importing organizer's. */
  language?: Locale;
}

const HEADER_ALIASES: Record<string, keyof MemberInput | 'language'> = {
  name: 'name',
  'full name': 'name',
  email: 'email',
  'e-mail': 'email',
  country: 'country',
  organisation: 'organisation',
  organization: 'organisation',
  'attendance mode': 'attendanceMode',
  attendance: 'attendanceMode',
  mode: 'attendanceMode',
  role: 'role',
  language: 'language',
  locale: 'language',
  bahasa: 'language',
};

/** What people write in a language column, lower-cased. */
const LANGUAGE_ALIASES: Record<string, Locale> = {
  en: 'en',
  english: 'en',
  inggris: 'en',
  'bahasa inggris': 'en',
  id: 'id',
  indonesian: 'id',
  indonesia: 'id',
  'bahasa indonesia': 'id',
  bahasa: 'id',
};

const MODE_ALIASES: Record<string, string> = {
  in_person: 'in_person',
  'in person': 'in_person',
  'in-person': 'in_person',
  hall: 'in_person',
  onsite: 'in_person',
  remote: 'remote',
  online: 'remote',
};

/** Reads the CSV text into member rows; each row either imports whole or is reported. */
export function parseMemberCsv(text: string, locale: Locale = 'en'): { valid: ParsedRow[]; rejected: ImportReport['rejected'] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? h.trim(),
  });
  const fields = parsed.meta.fields ?? [];
  const missing = (['name', 'email'] as const).filter((f) => !fields.includes(f));
  if (missing.length) {
    throw new DomainError('invalid_payload', 'csv.missingColumns', { columns: missing.join(', ') });
  }
  const valid: ParsedRow[] = [];
  const rejected: ImportReport['rejected'] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((raw, index) => {
    const row = index + 2; // 1-based, after the header line
    const email = (raw.email ?? '').trim();
    const candidate = {
      name: raw.name ?? '',
      email,
      country: raw.country ?? '',
      organisation: raw.organisation ?? '',
      attendanceMode: MODE_ALIASES[(raw.attendanceMode ?? 'remote').trim().toLowerCase() || 'remote'] ?? raw.attendanceMode,
      role: (raw.role ?? '').trim().toLowerCase() || 'participant',
    };
    const result = MemberInputSchema.safeParse(candidate);
    const reasons = result.success
      ? []
      : result.error.issues.map((i) => {
          const field = String(i.path[0] ?? 'row');
          if (field === 'attendanceMode') return errorText(locale, 'csv.unknownMode', { value: raw.attendanceMode ?? '' });
          if (field === 'role') return errorText(locale, 'csv.unknownRole', { value: raw.role ?? '', roles: ROLES.join(', ') });
          return issueText(i, locale);
        });
    const languageText = (raw.language ?? '').trim();
    const language = languageText ? LANGUAGE_ALIASES[languageText.toLowerCase()] : undefined;
    if (languageText && !language) reasons.push(errorText(locale, 'csv.unknownLanguage', { value: languageText }));
    const key = email.toLowerCase();
    if (key && seen.has(key)) reasons.push(errorText(locale, 'csv.duplicateEmail', { row: seen.get(key)! }));
    else if (key) seen.set(key, row);
    if (reasons.length || !result.success) rejected.push({ row, email, reasons });
    else {
      const given = { role: Boolean(raw.role?.trim()), attendanceMode: Boolean(raw.attendanceMode?.trim()) };
      valid.push({ row, input: result.data, given, ...(language ? { language } : {}) });
    }
  });
  return { valid, rejected };
}

/**
 * Imports every valid row in one transaction, or nothing: if any write fails
 * the whole import is rolled back and the error is reported, so a file is
 * never half-imported. Rows that cannot be imported are reported with their
 * line number and reasons, and make no change.
 */
export async function importMembersCsv(actorId: string, eventId: string, text: string, locale: Locale = DEFAULT_LOCALE): Promise<ImportReport> {
  await authorize(actorId, eventId, 'member:import');
  const { valid: parsedRows, rejected } = parseMemberCsv(text, locale);
  const d = await db();
  // Rows that would demote an organizer are reported here, before anything is written.
  const organizers = new Set(await organizerEmails(eventId));
  const valid = parsedRows.filter((r) => {
    const demotes = organizers.has(normalizeEmail(r.input.email)) && r.given.role && r.input.role !== 'organizer';
    if (demotes) rejected.push({ row: r.row, email: r.input.email, reasons: [errorText(locale, 'csv.organizerRow')] });
    return !demotes;
  });
  rejected.sort((a, b) => a.row - b.row);
  let added = 0;
  let updated = 0;
  const userIds = await d.transaction(async (tx) => {
    const invitees: Invitee[] = [];
    for (const { input, given, language } of valid) {
      const result = await upsertMember(tx, eventId, input, { via: 'import', keepRole: !given.role, keepMode: !given.attendanceMode });
      if (result.status === 'added') added++;
      else updated++;
      // A row without a language is written in the importing organizer's (the file's reader's) language.
      invitees.push({ userId: result.userId, locale: language ?? locale, chosen: Boolean(language) });
    }
    await ensureInvitations(tx, eventId, actorId, invitees);
    return invitees.map((i) => i.userId);
  });
  await liveAccess()?.actorsChanged(userIds);
  const invitations = await deliverInvitations(eventId, userIds);
  return { added, updated, rejected, invitations };
}
