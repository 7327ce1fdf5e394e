'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { LOCALES, LOCALE_NAMES } from '@/lib/i18n/locales';
import { setLocaleAction } from '../_lib/locale-actions';

export function LanguageSwitcher() {
  const t = useTranslations('common');
  const locale = useLocale();
  const [pending, startTransition] = useTransition();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('language')}</span>
      <select
        value={locale}
        disabled={pending}
        aria-label={t('language')}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(() => setLocaleAction(next));
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
