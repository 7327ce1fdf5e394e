import {
  claimInvitedUser,
  findInvitation,
  invitationLocales,
  invitationRows,
  markInvitationAccepted,
  markInvitationAcceptedOnce,
  markInvitationFailed,
  markInvitationSent,
  upsertInvitations,
} from '../db/queries/invitations';
import { hashPassword } from '../auth/password';
import { isLocale, DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { loadMessages } from '../i18n/messages';
import { env } from '../env';
import { DomainError } from '../errors';
import { authorize } from './authorize';
import { mailConfigured, sendMail } from './mailer';
import { macMatches, shortMac } from './signing';
import type { Tx } from './members';
import { isUuid } from '../domain/ids';

export interface InvitationLink {
  userId: string;
  name: string;
  email: string;
  url: string;
  /** sent: e-mailed now or before; failed: SMTP refused (the link is still valid); copy: no SMTP configured. */
  delivery: 'sent' | 'failed' | 'copy';
}

/** The link carries the invitation id and its MAC; nothing secret is stored. */
export const invitationToken = (id: string) => `${id}.${shortMac('invite', id)}`;

export function invitationIdFrom(token: string): string | null {
  const [id, sig] = token.split('.');
  if (!id || !sig || !isUuid(id)) return null;
  return macMatches('invite', id, sig) ? id : null;
}

export function publicUrl(path: string): string {
  const base = (env().NEXTAUTH_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  return `${base}${path}`;
}

export interface Invitee {
  userId: string;
  /** The language to write this person's invitation in. */
  locale: Locale;
  /** True when the organizer picked the language (form select, CSV column); false when it is only their own UI language. */
  chosen: boolean;
}

/**
 * One invitation per member; existing ones are kept (and keep their sent/accepted state).
 * A language the organizer picked replaces the stored one (it is what a resend will use);
 * a mere default only fills an invitation that has none.
 */
export async function ensureInvitations(tx: Tx, eventId: string, invitedBy: string, invitees: Invitee[]): Promise<void> {
  const chosen = invitees.filter((i) => i.chosen);
  const defaulted = invitees.filter((i) => !i.chosen);
  const values = (list: Invitee[]) => list.map(({ userId, locale }) => ({ eventId, userId, invitedBy, locale }));
  if (chosen.length) await upsertInvitations(tx, values(chosen), true);
  if (defaulted.length) await upsertInvitations(tx, values(defaulted), false);
}

/**
 * The language of an invitation e-mail: the invitee's own profile language when they have
 * set one (their choice always wins), else the invitation's, else the caller's fallback
 * (the organizer's language for invitations stored before they had one).
 */
export function invitationLocale(profile: string | null, invitation: string | null, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (isLocale(profile)) return profile;
  if (isLocale(invitation)) return invitation;
  return fallback;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? '');

/**
 * E-mails the invitations of these members that were not sent yet, when SMTP
 * is configured; returns every link either way so the organizer can copy them.
 * A failed send is recorded and reported, never thrown: the import already committed.
 */
export async function deliverInvitations(
  eventId: string,
  userIds: string[],
  options: { resend?: boolean; fallbackLocale?: Locale } = {},
): Promise<InvitationLink[]> {
  if (userIds.length === 0) return [];
  const rows = await invitationRows(eventId, userIds);
  const links: InvitationLink[] = [];
  for (const row of rows) {
    const url = publicUrl(`/invite/${invitationToken(row.id)}`);
    let delivery: InvitationLink['delivery'] = 'copy';
    if (mailConfigured() && row.email) {
      if (row.sentAt && !options.resend) delivery = 'sent';
      else {
        try {
          const locale = invitationLocale(row.locale, row.invitationLocale, options.fallbackLocale);
          const t = (await loadMessages(locale)).registration as { email: Record<string, string> };
          await sendMail({
            to: row.email,
            subject: fill(t.email.subject!, { event: row.eventTitle }),
            text: fill(t.email.body!, { name: row.name, event: row.eventTitle, url }),
          });
          await markInvitationSent(row.id);
          delivery = 'sent';
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          console.error('[invitations] sending failed', message);
          await markInvitationFailed(row.id, message.slice(0, 300));
          delivery = 'failed';
        }
      }
    }
    links.push({ userId: row.userId, name: row.name, email: row.email ?? '', url, delivery });
  }
  return links;
}

export async function listInvitations(actorId: string, eventId: string) {
  await authorize(actorId, eventId, 'registration:manage');
  const rows = await invitationRows(eventId);
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email ?? '',
    url: publicUrl(`/invite/${invitationToken(r.id)}`),
    sentAt: r.sentAt,
    sendError: r.sendError,
    acceptedAt: r.acceptedAt,
    hasAccount: Boolean(r.hasAccount),
  }));
}

/** Sends again in the invitation's own language; `locale` (the organizer's) only for invitations stored without one. */
export async function resendInvitation(actorId: string, eventId: string, userId: string, locale: Locale = DEFAULT_LOCALE): Promise<InvitationLink> {
  await authorize(actorId, eventId, 'registration:manage');
  const [link] = await deliverInvitations(eventId, [userId], { resend: true, fallbackLocale: locale });
  if (!link) throw new DomainError('not_found', 'registration.noInvitation');
  return link;
}

/** What the invitation page needs; null for a forged or unknown token (the page says so). */
export async function loadInvitation(token: string) {
  const id = invitationIdFrom(token);
  if (!id) return null;
  return (await findInvitation(id)) ?? null;
}

/**
 * The language an invitation's page is shown in to a visitor who has not chosen one
 * (no profile language, no language cookie): the invitee's own, else the invitation's —
 * the language of the e-mail that brought them. Null for an unknown or forged token.
 */
export async function invitationPageLocale(token: string): Promise<Locale | null> {
  const id = invitationIdFrom(token);
  if (!id) return null;
  const row = await invitationLocales(id);
  if (!row) return null;
  return isLocale(row.profile) ? row.profile : isLocale(row.invitation) ? row.invitation : null;
}

/**
 * An invited person without an account sets their password from the link
 * (the link reached their mailbox or was handed to them by the organizer).
 */
export async function acceptWithPassword(
  token: string,
  input: { name: string; password: string },
  /** The language the person accepted in (the page's); becomes their profile language if they have none. */
  locale?: Locale,
): Promise<{ email: string; slug: string }> {
  const found = await loadInvitation(token);
  if (!found) throw new DomainError('not_found', 'registration.invitationInvalid');
  const passwordHash = await hashPassword(input.password);
  // The new account keeps the language its owner read the invitation page in (the invitation's,
  // or the one they switched to there), so the event opens in it too; they change it like anyone.
  const claimed = await claimInvitedUser(found.user.id, { passwordHash, name: input.name }, locale);
  if (!claimed) throw new DomainError('conflict', 'registration.invitationUsed');
  await markInvitationAccepted(found.invitation.id);
  return { email: claimed.email!, slug: found.event.slug };
}

/** A signed-in person opening their own invitation. */
export async function acceptAsUser(token: string, userId: string): Promise<string> {
  const found = await loadInvitation(token);
  if (!found) throw new DomainError('not_found', 'registration.invitationInvalid');
  if (found.user.id !== userId) throw new DomainError('forbidden', 'registration.invitationForSomeoneElse');
  await markInvitationAcceptedOnce(found.invitation.id);
  return found.event.slug;
}
