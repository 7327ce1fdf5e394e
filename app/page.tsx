import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentUser } from '@/lib/auth/current-user';
import { listEventsForUser } from '@/lib/db/queries/programme';
import { formatDayRange } from '@/lib/i18n/format';

export default async function HomePage() {
  const [user, t, tr, locale] = await Promise.all([currentUser(), getTranslations('home'), getTranslations('domain'), getLocale()]);
  if (!user) {
    const features = [
      { key: 'stage', src: '/landing/stage.png', width: 1280, height: 800 },
      { key: 'qa', src: '/landing/projector.jpg', width: 1280, height: 720 },
      { key: 'programme', src: '/landing/programme.png', width: 1280, height: 820 },
    ] as const;
    return (
      <div className="stack landing">
        <div className="stack" style={{ maxWidth: 720 }}>
          <h1>{t('welcomeTitle')}</h1>
          <p>{t('welcomeBody')}</p>
          <div className="row">
            <Link className="button" href="/signin">
              {t('signIn')}
            </Link>
            <Link className="button secondary" href="/join">
              {t('joinWithEventCode')}
            </Link>
            <Link className="button secondary" href="/signup">
              {t('createAccount')}
            </Link>
          </div>
        </div>
        <section aria-labelledby="what-heading" className="stack">
          <h2 id="what-heading">{t('whatTitle')}</h2>
          <div className="landing-features">
            {features.map((f) => (
              <figure key={f.key} className="card landing-feature">
                {/* Plain <img>: static files under /public, no image optimizer needed. */}
                <img src={f.src} alt={t(`${f.key}Alt`)} width={f.width} height={f.height} loading="lazy" />
                <figcaption>
                  <h3>{t(`${f.key}Title`)}</h3>
                  <p>{t(`${f.key}Body`)}</p>
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      </div>
    );
  }
  const mine = await listEventsForUser(user.id);
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>{t('myEvents')}</h1>
        <div className="row">
          <Link className="button secondary" href="/join">
            {t('joinWithCode')}
          </Link>
          {!user.isGuest && (
            <Link className="button" href="/events/new">
              {t('newEvent')}
            </Link>
          )}
        </div>
      </div>
      {mine.length === 0 ? (
        <p className="card">{t('noEvents')}</p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0 }} aria-label={t('myEvents')}>
          {mine.map(({ event, role, attendanceMode }) => (
            <li key={event.id} className="card">
              <h2 style={{ margin: 0 }}>
                <Link href={`/events/${event.slug}`}>{event.title}</Link>
              </h2>
              <p className="muted" style={{ margin: '0.25rem 0' }}>
                {formatDayRange(event.startDate, event.endDate, locale)} · {event.venueName || t('online')} · {event.timeZone}
              </p>
              <div className="row">
                <span className={`badge role-${role}`}>{tr(`roles.${role}`)}</span>
                <span className="badge">{tr(`attendance.${attendanceMode}`)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
