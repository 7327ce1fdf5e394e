import { getLocale, getTranslations } from 'next-intl/server';
import { verifyCertificate } from '@/lib/services/certificates';

export async function generateMetadata() {
  const t = await getTranslations('attendance');
  return { title: t('verify.title') };
}

/** Public: anyone holding a certificate code can check what it states. Shows no e-mail or other personal data. */
export default async function VerifyPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const [t, locale, cert] = await Promise.all([getTranslations('attendance'), getLocale(), verifyCertificate(decodeURIComponent(code))]);
  if (!cert) {
    return (
      <div className="card stack attend-page" style={{ maxWidth: 640 }}>
        <h1>{t('verify.title')}</h1>
        <p role="alert" className="alert error">
          {t('verify.unknown', { code: decodeURIComponent(code).slice(0, 40) })}
        </p>
      </div>
    );
  }
  return (
    <div className="card stack attend-page" style={{ maxWidth: 640 }}>
      <h1>{t('verify.title')}</h1>
      <p role="status" className="alert ok">
        {t('verify.valid', { code: cert.code })}
      </p>
      <dl className="attend-facts">
        <dt>{t('verify.participant')}</dt>
        <dd>{cert.participantName}</dd>
        <dt>{t('verify.event')}</dt>
        <dd>{cert.eventTitle}</dd>
        <dt>{t('verify.attended')}</dt>
        <dd>{t('verify.amount', { minutes: cert.minutes, sessions: cert.sessions.length, percent: cert.percent })}</dd>
        <dt>{t('verify.issued')}</dt>
        <dd>{new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(cert.issuedAt)}</dd>
      </dl>
    </div>
  );
}
