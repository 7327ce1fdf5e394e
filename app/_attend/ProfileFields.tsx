'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { LOCALES, LOCALE_NAMES } from '@/lib/i18n/locales';

export interface ProfileValues {
  country: string | null;
  organisation: string;
  timeZone: string | null;
  locale: string | null;
  accessibilityNeeds: string;
}

/**
 * The profile fields shared by registration and the profile page. The time
 * zone starts as the browser's when the profile has none, and stays editable.
 */
export function ProfileFields({
  values,
  countries,
  errors = {},
}: {
  values: ProfileValues;
  countries: { code: string; name: string }[];
  errors?: Record<string, string>;
}) {
  const t = useTranslations('registration');
  const [zone, setZone] = useState(values.timeZone ?? '');
  const [detected, setDetected] = useState<string | null>(null);
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setDetected(browserZone);
    setZone((z) => z || browserZone);
    setZones(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  }, []);
  const err = (k: string) => errors[k] && <span className="field-error">{errors[k]}</span>;
  return (
    <div className="grid-2 attend-profile">
      <label>
        {t('fields.country')}
        <select name="country" defaultValue={values.country ?? ''}>
          <option value="">{t('fields.noCountry')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        {err('country')}
      </label>
      <label>
        {t('fields.organisation')}
        <input name="organisation" defaultValue={values.organisation} maxLength={200} />
        {err('organisation')}
      </label>
      <label>
        {t('fields.timeZone')}
        {detected && <span className="hint">{t('fields.detected', { zone: detected })}</span>}
        <input name="timeZone" list="attend-zones" value={zone} onChange={(e) => setZone(e.target.value)} required />
        <datalist id="attend-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {err('timeZone')}
      </label>
      <label>
        {t('fields.language')}
        <select name="locale" defaultValue={values.locale ?? 'en'}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label style={{ gridColumn: '1 / -1' }}>
        {t('fields.accessibility')}
        <span className="hint">{t('fields.accessibilityHint')}</span>
        <textarea name="accessibilityNeeds" defaultValue={values.accessibilityNeeds} maxLength={1000} rows={3} />
        {err('accessibilityNeeds')}
      </label>
    </div>
  );
}
