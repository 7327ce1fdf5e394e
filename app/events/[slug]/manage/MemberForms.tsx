'use client';
import { useTranslations } from 'next-intl';
import { ATTENDANCE_MODES, ROLES, type AttendanceMode, type Role } from '@/lib/domain/roles';
import type { ImportReport } from '@/lib/services/members';
import { FieldError, FormStatus } from '../../../_components/FormStatus';
import { InvitationLanguageSelect } from '../../../_components/InvitationLanguageSelect';
import { idle, type FormState } from '../../../_lib/form-state';
import { useKeptForm } from '../../../_lib/use-kept-form';

type Action<T = undefined> = (prev: FormState<T>, form: FormData) => Promise<FormState<T>>;

function RoleSelect({ value, label }: { value?: Role; label?: string }) {
  const tr = useTranslations('domain');
  return (
    <select name="role" defaultValue={value ?? 'participant'} aria-label={label}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {tr(`roles.${r}`)}
        </option>
      ))}
    </select>
  );
}

function ModeSelect({ value, label }: { value?: AttendanceMode; label?: string }) {
  const tr = useTranslations('domain');
  return (
    <select name="attendanceMode" defaultValue={value ?? 'remote'} aria-label={label}>
      {ATTENDANCE_MODES.map((m) => (
        <option key={m} value={m}>
          {tr(`attendance.${m}`)}
        </option>
      ))}
    </select>
  );
}

export function InviteForm({ action }: { action: Action }) {
  const t = useTranslations('events.members');
  const { state, pending, formProps } = useKeptForm(action, idle);
  return (
    <form {...formProps} className="stack" aria-label={t('inviteForm')}>
      <div className="grid-2">
        <label>
          {t('name')}
          <input name="name" required maxLength={80} />
          <FieldError state={state} name="name" />
        </label>
        <label>
          {t('email')}
          <input name="email" type="email" required />
          <FieldError state={state} name="email" />
        </label>
        <label>
          {t('role')}
          <RoleSelect />
        </label>
        <label>
          {t('attendance')}
          <ModeSelect />
        </label>
        <label>
          {t('country')} <span className="hint">{t('countryHint')}</span>
          <input name="country" maxLength={60} />
          <FieldError state={state} name="country" />
        </label>
        <label>
          {t('organisation')}
          <input name="organisation" maxLength={200} />
        </label>
        <InvitationLanguageSelect />
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('inviting') : t('invite')}
        </button>
      </div>
    </form>
  );
}

export function MemberRoleForm({ action, role, mode, name }: { action: Action; role: Role; mode: AttendanceMode; name: string }) {
  const t = useTranslations('events.members');
  const { state, pending, formProps } = useKeptForm(action, idle);
  return (
    <form {...formProps} className="row">
      <RoleSelect value={role} label={t('roleOf', { name })} />
      <ModeSelect value={mode} label={t('attendanceOf', { name })} />
      <button type="submit" className="secondary" disabled={pending}>
        {t('save')}
      </button>
      {state.status !== 'idle' && (
        <span role={state.status === 'error' ? 'alert' : 'status'} className={state.status === 'error' ? 'field-error' : 'muted'}>
          {state.message}
        </span>
      )}
    </form>
  );
}

export function RemoveMemberForm({ action, name }: { action: Action; name: string }) {
  const t = useTranslations('events.members');
  const { state, pending, formProps } = useKeptForm(action, idle);
  return (
    <form {...formProps} className="row">
      <button type="submit" className="secondary" disabled={pending} aria-label={t('removeOf', { name })}>
        {t('remove')}
      </button>
      {state.status === 'error' && (
        <span role="alert" className="field-error">
          {state.message}
        </span>
      )}
    </form>
  );
}
