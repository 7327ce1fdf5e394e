'use client';
import { useTranslations } from 'next-intl';
import { ATTENDANCE_MODES } from '@/lib/domain/roles';
import { FormStatus } from '../../_components/FormStatus';
import { idle, type FormState } from '../../_lib/form-state';
import { useKeptForm } from '../../_lib/use-kept-form';
import { ProfileFields, type ProfileValues } from '../../_attend/ProfileFields';

export function RegisterForm({
  action,
  values,
  countries,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  values: ProfileValues;
  countries: { code: string; name: string }[];
}) {
  const t = useTranslations('registration');
  const { state, pending, formProps } = useKeptForm(action, idle as FormState);
  return (
    <form {...formProps} className="stack" aria-label={t('register.form')}>
      <fieldset className="attend-fieldset">
        <legend>{t('fields.mode')}</legend>
        {ATTENDANCE_MODES.map((m) => (
          <label key={m} className="attend-choice">
            <input type="radio" name="attendanceMode" value={m} defaultChecked={m === 'remote'} required /> {t(`modes.${m}`)}
          </label>
        ))}
        <span className="hint">{t('register.modeHint')}</span>
      </fieldset>
      <ProfileFields values={values} countries={countries} errors={state.status === 'error' ? state.fieldErrors : undefined} />
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('register.registering') : t('register.submit')}
        </button>
      </div>
    </form>
  );
}
