import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentUser } from '@/lib/auth/current-user';
import { allowedActor } from '@/lib/services/authorize';
import { registrationByToken } from '@/lib/services/registration';
import { countryOptions } from '../../_attend/countries';
import { ZonedTime } from '../../_attend/ZonedTime';
import { registerAction } from './actions';
import { RegisterForm } from './RegisterForm';

export async function generateMetadata() {
  const t = await getTranslations('registration');
  return { title: t('register.title') };
}

export default async function RegisterPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, locale, found, viewer] = await Promise.all([getTranslations('registration'), getLocale(), registrationByToken(token), currentUser()]);
  if (!found) {
    return (
      <div className="card stack attend-page" style={{ maxWidth: 640 }}>
        <h1>{t('register.invalidTitle')}</h1>
        <p role="alert">{t('register.invalid')}</p>
      </div>
    );
  }
  const { event, link, remaining, state } = found;
  const member = viewer ? await allowedActor(viewer.id, event.id, 'event:view') : undefined;
  const back = `/register/${token}`;
  return (
    <div className="card stack attend-page" style={{ maxWidth: 760 }}>
      <h1>{t('register.heading', { event: event.title })}</h1>
      <p className="muted" style={{ margin: 0 }}>
        {event.venueName && `${event.venueName} · `}
        {event.startDate} – {event.endDate}
      </p>
      <p style={{ margin: 0 }}>
        {t('register.closes')} <ZonedTime iso={link.closesAt.toISOString()} eventZone={event.timeZone} viewerZone={viewer?.timeZone} />
        {state === 'open' && <> · {t('register.remaining', { count: remaining })}</>}
      </p>
      {member ? (
        <p className="alert ok">
          {t('register.already')} <Link href={`/events/${event.slug}/me`}>{t('register.openEvent')}</Link>
        </p>
      ) : state !== 'open' ? (
        <p role="alert" className="alert warn">
          {t(`register.state.${state}`)}
        </p>
      ) : !viewer ? (
        <p>
          {t('register.needAccount')}{' '}
          <Link href={`/signup?callbackUrl=${encodeURIComponent(back)}`}>{t('register.signUp')}</Link> ·{' '}
          <Link href={`/signin?callbackUrl=${encodeURIComponent(back)}`}>{t('register.signIn')}</Link>
        </p>
      ) : (
        <RegisterForm
          action={registerAction.bind(null, token)}
          values={{ country: null, organisation: '', timeZone: viewer.timeZone, locale: viewer.locale ?? locale, accessibilityNeeds: '' }}
          countries={countryOptions(locale)}
        />
      )}
    </div>
  );
}
