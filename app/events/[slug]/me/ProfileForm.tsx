'use client';
import { useTranslations } from 'next-intl';
import { idle, type FormState } from '../../../_lib/form-state';
import { useKeptForm } from '../../../_lib/use-kept-form';
import { ProfileFields, type ProfileValues } from '../../../_attend/ProfileFields';

export function ProfileForm({
  action,
  values,
  countries,
  modeLabel,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  values: ProfileValues;
  countries: { code: string; name: string }[];
  modeLabel: string;
}) {
  const t = useTranslations('registration');
  const { state, pending, formProps } = useKeptForm(action, idle as FormState);
  return (
    <form {...formProps} className="stack" aria-label={t('profile.form')}>
      <p style={{ margin: 0 }}>
        {t('fields.mode')}: <strong>{modeLabel}</strong> <span className="hint">{t('profile.modeByOrganizer')}</span>
      </p>
      <ProfileFields values={values} countries={countries} errors={state.status === 'error' ? state.fieldErrors : undefined} />
      {state.status !== 'idle' && (
        <p role={state.status === 'error' ? 'alert' : 'status'} className={`alert ${state.status === 'error' ? 'error' : 'ok'}`}>
          {state.status === 'ok' ? t('profile.saved') : state.message}
        </p>
      )}
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('profile.saving') : t('profile.save')}
        </button>
      </div>
    </form>
  );
}
