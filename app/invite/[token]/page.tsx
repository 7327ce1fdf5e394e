import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/lib/auth/current-user';
import { loadInvitation } from '@/lib/services/invitations';
import { acceptAsUserAction } from './actions';
import { AcceptForm } from './AcceptForm';

export async function generateMetadata() {
  const t = await getTranslations('registration');
  return { title: t('invite.title') };
}

/** The link an invited person receives. Opening it changes nothing; accepting is a POST. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, found, viewer] = await Promise.all([getTranslations('registration'), loadInvitation(token), currentUser()]);
  if (!found) {
    return (
      <div className="card stack attend-page" style={{ maxWidth: 560 }}>
        <h1>{t('invite.invalidTitle')}</h1>
        <p role="alert">{t('invite.invalid')}</p>
      </div>
    );
  }
  const { event, user } = found;
  return (
    <div className="card stack attend-page" style={{ maxWidth: 560 }}>
      <h1>{t('invite.heading', { event: event.title })}</h1>
      {viewer?.id === user.id ? (
        <form action={acceptAsUserAction.bind(null, token)}>
          <button type="submit">{t('invite.open')}</button>
        </form>
      ) : viewer ? (
        <p role="alert" className="alert warn">
          {t('invite.otherUser', { email: user.email ?? '' })}
        </p>
      ) : user.passwordHash ? (
        <p>
          {t('invite.hasAccount')} <Link href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>{t('invite.signIn')}</Link>
        </p>
      ) : (
        <AcceptForm token={token} name={user.name} email={user.email ?? ''} />
      )}
    </div>
  );
}
