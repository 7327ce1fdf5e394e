'use server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requestAddress } from '@/lib/auth/client-ip';
import { currentSession } from '@/lib/auth/current-user';
import { endSession, endUserSessions, issueSessionCookie, sessionCookieName } from '@/lib/auth/sessions';
import { DisplayNameSchema, GuestJoinSchema, PasswordSchema, SignInSchema, SignUpSchema } from '@/lib/contracts/auth';
import { findUserByEmail } from '@/lib/db/queries/users';
import { acceptInvitation, guestJoin, signInWithPassword, signUpWithoutDisclosure } from '@/lib/services/sign-in';
import { errorText, issueText } from '@/lib/i18n/error-text';
import { domainFormError, requestLocale, zodFormError } from './form-errors';
import type { FormState } from './form-state';
import { safeCallback } from './safe-redirect';

/*
 * Every form that carries a secret posts here (server actions): they work
 * without JavaScript, so a password or a code never travels in a URL, and
 * each one is throttled in lib/services/sign-in.ts.
 */

const text = (form: FormData, key: string) => String(form.get(key) ?? '');

async function setSessionCookie(user: { id: string; name: string }): Promise<void> {
  const cookie = await issueSessionCookie(user);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = SignInSchema.safeParse({ email: text(form, 'email'), password: text(form, 'password') });
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    const user = await signInWithPassword(parsed.data.email, parsed.data.password, await requestAddress());
    await setSessionCookie(user);
  } catch (err) {
    return domainFormError(err);
  }
  redirect(safeCallback(text(form, 'callbackUrl')));
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = SignUpSchema.safeParse({ name: text(form, 'name'), email: text(form, 'email'), password: text(form, 'password') });
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    await signUpWithoutDisclosure(parsed.data, await requestAddress(), await requestLocale());
  } catch (err) {
    return domainFormError(err);
  }
  // The same answer for a new and an existing e-mail: sign in next.
  const callbackUrl = safeCallback(text(form, 'callbackUrl'));
  redirect(`/signin?notice=signed-up&callbackUrl=${encodeURIComponent(callbackUrl)}`);
}

/** The /j/<code> page then sends a member on to the event (or to `next`, the session's Q&A page). */
const joinTarget = (code: string, next: string) => `/j/${encodeURIComponent(code)}${next ? `?next=${encodeURIComponent(next)}` : ''}`;

export async function guestJoinAction(_prev: FormState, form: FormData): Promise<FormState> {
  const next = safeCallback(text(form, 'next'), '');
  const code = text(form, 'code').trim().toUpperCase();
  if (await currentSession()) redirect(joinTarget(code, next));
  const parsed = GuestJoinSchema.safeParse({ code, name: text(form, 'name') });
  if (!parsed.success) return zodFormError(parsed.error);
  try {
    const guest = await guestJoin(parsed.data, await requestAddress());
    await setSessionCookie(guest);
  } catch (err) {
    return domainFormError(err);
  }
  redirect(joinTarget(parsed.data.code, next));
}

export async function acceptInvitationAction(token: string, _prev: FormState, form: FormData): Promise<FormState> {
  const parsed = z.object({ name: DisplayNameSchema, password: PasswordSchema }).safeParse({ name: text(form, 'name'), password: text(form, 'password') });
  if (!parsed.success) {
    // Two fields: the first problem is the message (as the form has always said it).
    const first = parsed.error.issues[0];
    const locale = await requestLocale();
    return { status: 'error', message: first ? issueText(first, locale) : errorText(locale, 'general.invalidPayload') };
  }
  let slug: string;
  try {
    const accepted = await acceptInvitation(token, parsed.data, await requestAddress(), await requestLocale());
    const user = await findUserByEmail(accepted.email);
    if (user) await setSessionCookie(user);
    slug = accepted.slug;
  } catch (err) {
    return domainFormError(err);
  }
  redirect(`/events/${slug}`);
}

async function clearSessionCookie(): Promise<void> {
  const store = await cookies();
  const { name } = sessionCookieName();
  store.delete(name);
  for (let i = 0; store.has(`${name}.${i}`); i++) store.delete(`${name}.${i}`);
}

/** Ends this session on the server (its cookie is refused from now on, its sockets drop). */
export async function signOutAction(): Promise<void> {
  const session = await currentSession();
  if (session) await endSession(session.sid);
  await clearSessionCookie();
  redirect('/');
}

/** Ends every session of the signed-in person, on every device. */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await currentSession();
  if (session) await endUserSessions(session.user.id);
  await clearSessionCookie();
  redirect('/signin');
}
