'use server';
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { currentUser } from '@/lib/auth/current-user';
import { updateUser } from '@/lib/db/queries/users';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';

/** Remembers the language in a cookie and, for signed-in people, in their profile. */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
  const user = await currentUser();
  if (user) await updateUser(user.id, { locale });
  revalidatePath('/', 'layout');
}
