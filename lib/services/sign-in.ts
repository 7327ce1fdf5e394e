import { normalizeEmail } from '../db/queries/users';
import { findEventByCode } from '../db/queries/programme';
import { throttle, type Subject } from '../auth/throttle';
import { DomainError } from '../errors';
import type { GuestJoin, SignUp } from '../contracts/auth';
import type { Locale } from '../i18n/locales';
import { joinAsGuest, signUp, verifyCredentials, type SessionUser } from './accounts';
import { acceptWithPassword, publicUrl } from './invitations';
import { mailConfigured, sendMail } from './mailer';

/**
 * The ways in that take a secret, each under throttling (lib/auth/throttle.ts).
 * Callers pass the client's address; the session cookie is the caller's job.
 */

/** E-mail and password. Wrong answers count per account and per address; a right one clears the account's count. */
export async function signInWithPassword(email: string, password: string, address: string): Promise<SessionUser> {
  const account: Subject = { rule: 'signin-account', id: normalizeEmail(email) };
  const subjects: Subject[] = [account, { rule: 'signin-ip', id: address }];
  // While locked, even the right password is refused: the lock is what stops the guessing.
  const attempt = await throttle().attempt(subjects);
  const user = await verifyCredentials(email, password);
  if (!user) throw new DomainError('unauthenticated', 'signin.wrongCredentials');
  // Right: the account's earlier mistakes are forgiven, and the address's count does not keep it.
  await throttle().reset(account);
  await attempt.succeeded(subjects.filter((s) => s !== account));
  return user;
}

/** Whether a code names an event, for the /j/<code> page: a lookup by code is a guess like any other. */
export async function eventByCode(code: string, address: string) {
  const subject: Subject = { rule: 'join-ip', id: address };
  const attempt = await throttle().attempt([subject]);
  const event = await findEventByCode(code);
  if (event) await attempt.succeeded();
  return event;
}

/** A guest joining in the hall: wrong codes count per address; guests made count per event (a flood of fake guests). */
export async function guestJoin(input: GuestJoin, address: string): Promise<SessionUser & { eventSlug: string }> {
  const event = await eventByCode(input.code, address);
  if (!event) throw new DomainError('not_found', 'signin.codeFailed');
  const perEvent: Subject = { rule: 'join-event', id: event.id };
  const attempt = await throttle().attempt([perEvent]);
  try {
    return await joinAsGuest(input);
  } catch (err) {
    // No guest was made: the event's count of guests keeps no trace of it.
    await attempt.succeeded();
    throw err;
  }
}

/**
 * Sign-up answers the same whether the e-mail already has an account or not,
 * so it cannot be used to learn who has one: nobody is signed in here (the
 * person signs in next, with the password they chose), and the owner of an
 * existing account is told by e-mail when SMTP is configured. Every attempt
 * counts per address.
 */
export async function signUpWithoutDisclosure(input: SignUp, address: string, locale: Locale): Promise<void> {
  const subject: Subject = { rule: 'signup-ip', id: address };
  await throttle().attempt([subject]);
  try {
    await signUp(input);
  } catch (err) {
    if (!(err instanceof DomainError && err.code === 'conflict')) throw err;
    await tellOwner(normalizeEmail(input.email), locale);
  }
}

async function tellOwner(email: string, locale: Locale): Promise<void> {
  if (!mailConfigured()) return;
  const signIn = publicUrl('/signin');
  const text =
    locale === 'id'
      ? `Seseorang mencoba membuat akun Balai baru dengan alamat ini, tetapi alamat ini sudah memiliki akun.\n\nJika itu Anda, masuk di ${signIn}. Jika bukan, abaikan surel ini: tidak ada yang berubah.`
      : `Someone tried to create a new Balai account with this address, but it already has one.\n\nIf that was you, sign in at ${signIn}. If not, ignore this e-mail: nothing has changed.`;
  await sendMail({ to: email, subject: locale === 'id' ? 'Akun Balai Anda' : 'Your Balai account', text }).catch((err: unknown) => {
    // The answer must not differ when the mail server fails; the failure is logged for the operator.
    console.error('[sign-up] could not e-mail the owner of an existing account', err);
  });
}

/** Setting a password from an invitation link: wrong or used links count per address. */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string },
  address: string,
  locale: Locale,
): Promise<{ email: string; slug: string }> {
  const subject: Subject = { rule: 'invite-ip', id: address };
  const attempt = await throttle().attempt([subject]);
  try {
    const accepted = await acceptWithPassword(token, input, locale);
    await attempt.succeeded();
    return accepted;
  } catch (err) {
    // Only a refused link counts; a failure of ours (not a DomainError) is not the guest's guess.
    if (!(err instanceof DomainError)) await attempt.succeeded();
    throw err;
  }
}
