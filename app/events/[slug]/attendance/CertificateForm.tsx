'use client';
import { useTranslations } from 'next-intl';
import { idle, type FormState } from '../../../_lib/form-state';
import { useKeptForm } from '../../../_lib/use-kept-form';

type State = FormState<{ issued: number; refreshed: number }>;

export function CertificateForm({ action, threshold }: { action: (prev: State, form: FormData) => Promise<State>; threshold: number }) {
  const t = useTranslations('attendance');
  const { state, pending, formProps } = useKeptForm(action, idle as State);
  return (
    <form {...formProps} className="stack" aria-label={t('certificates.form')}>
      <label style={{ maxWidth: 320 }}>
        {t('certificates.threshold')}
        <span className="hint">{t('certificates.thresholdHint')}</span>
        <input name="threshold" type="number" min={0} max={100} step={1} required defaultValue={threshold} />
      </label>
      {state.status === 'ok' && state.data && (
        <p role="status" className="alert ok">
          {t('certificates.done', state.data)}
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="alert error">
          {state.message}
        </p>
      )}
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('certificates.issuing') : t('certificates.issue')}
        </button>
      </div>
    </form>
  );
}
