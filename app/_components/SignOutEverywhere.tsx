import { getTranslations } from 'next-intl/server';
import { signOutEverywhereAction } from '../_lib/auth-actions';

/** Ends every session of the person (a lost phone, a shared computer): a plain form, works without JavaScript. */
export async function SignOutEverywhere() {
  const t = await getTranslations('auth');
  return (
    <form action={signOutEverywhereAction} className="row" aria-label={t('signOutEverywhere')}>
      <button type="submit" className="secondary">
        {t('signOutEverywhere')}
      </button>
      <span className="hint">{t('signOutEverywhereHint')}</span>
    </form>
  );
}
