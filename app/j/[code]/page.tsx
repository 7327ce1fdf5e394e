import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/current-user';
import { allowedActor } from '@/lib/services/authorize';
import { requestAddress } from '@/lib/auth/client-ip';
import { ThrottledError } from '@/lib/auth/throttle';
import { eventByCode } from '@/lib/services/sign-in';
import { landingAfterJoin } from '@/lib/services/programme';
import { errorMessage } from '@/lib/errors';
import { requestLocale } from '../../_lib/form-errors';
import { GuestJoinForm } from '../../join/GuestJoinForm';
import { joinEventAction } from './actions';
import { safeCallback } from '../../_lib/safe-redirect';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('joinShortMeta') };
}

/** The short URL behind the hall's QR code. */
export default async function JoinCodePage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ next?: string }> }) {
  const { code } = await params;
  // Where to land after joining: the hall's Q&A QR code sends phones to the session's light Q&A page.
  const next = safeCallback((await searchParams).next, '') || undefined;
  const [user, t] = await Promise.all([currentUser(), getTranslations('auth')]);
  // Opening /j/<code> tells whether the code exists, so it is a guess like the join form's, throttled the same.
  let event: Awaited<ReturnType<typeof eventByCode>>;
  try {
    event = await eventByCode(code, await requestAddress());
  } catch (err) {
    if (!(err instanceof ThrottledError)) throw err;
    return (
      <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
        <h1>{t('joinTitle')}</h1>
        <p role="alert" className="alert error">
          {errorMessage(err, await requestLocale())}
        </p>
      </div>
    );
  }
  if (!event) {
    return (
      <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
        <h1>{t('codeNotFound')}</h1>
        <p role="alert" className="alert error">
          {t('codeNotFoundBody', { code: code.toUpperCase() })}
        </p>
        <GuestJoinForm signedIn={Boolean(user)} next={next} />
      </div>
    );
  }
  // A member (a guest who has just typed the code, too) goes on: to `next`, else to the live session's phone Q&A, else the programme.
  if (user && (await allowedActor(user.id, event.id, 'event:view'))) redirect(next ?? (await landingAfterJoin(event)));
  const here = `/j/${event.joinCode}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  return (
    <div className="card stack" style={{ maxWidth: 440, margin: '1rem auto' }}>
      <h1>{event.title}</h1>
      <p className="muted">{event.venueName}</p>
      {user ? (
        <form action={joinEventAction.bind(null, event.joinCode, next)}>
          <button type="submit">{t('joinAs', { name: user.name })}</button>
        </form>
      ) : (
        <>
          <GuestJoinForm code={event.joinCode} signedIn={false} next={next} />
          <p>
            {t('haveAccount')} <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>{t('signIn')}</Link>
          </p>
        </>
      )}
    </div>
  );
}
