'use client';
import { useLocale, useTranslations } from 'next-intl';
import { LOCALES, LOCALE_NAMES, isLocale } from '@/lib/i18n/locales';

/**
 * The language an invitation e-mail (and its page) is written in. Defaults to the
 * organizer's own language; a person who has chosen a language in their profile still gets theirs.
 */
export function InvitationLanguageSelect() {
  const t = useTranslations('registration.fields');
  const locale = useLocale();
  return (
    <label>
      {t('invitationLanguage')} <span className="hint">{t('invitationLanguageHint')}</span>
      <select name="language" defaultValue={isLocale(locale) ? locale : undefined}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
