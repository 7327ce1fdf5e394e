'use client';
import { useActionState } from 'react';
import { ATTENDANCE_LABELS, ATTENDANCE_MODES, ROLES, ROLE_LABELS, type AttendanceMode, type Role } from '@/lib/domain/roles';
import type { ImportReport } from '@/lib/services/members';
import { FieldError, FormStatus } from '../../../_components/FormStatus';
import { idle, type FormState } from '../../../_lib/form-state';

type Action<T = undefined> = (prev: FormState<T>, form: FormData) => Promise<FormState<T>>;

function RoleSelect({ value, label }: { value?: Role; label?: string }) {
  return (
    <select name="role" defaultValue={value ?? 'participant'} aria-label={label}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}

function ModeSelect({ value, label }: { value?: AttendanceMode; label?: string }) {
  return (
    <select name="attendanceMode" defaultValue={value ?? 'remote'} aria-label={label}>
      {ATTENDANCE_MODES.map((m) => (
        <option key={m} value={m}>
          {ATTENDANCE_LABELS[m]}
        </option>
      ))}
    </select>
  );
}

export function InviteForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} className="stack" aria-label="Invite a person">
      <div className="grid-2">
        <label>
          Name
          <input name="name" required maxLength={80} />
          <FieldError state={state} name="name" />
        </label>
        <label>
          E-mail
          <input name="email" type="email" required />
          <FieldError state={state} name="email" />
        </label>
        <label>
          Role
          <RoleSelect />
        </label>
        <label>
          Attendance
          <ModeSelect />
        </label>
        <label>
          Country <span className="hint">ISO code or name</span>
          <input name="country" maxLength={60} />
          <FieldError state={state} name="country" />
        </label>
        <label>
          Organisation
          <input name="organisation" maxLength={200} />
        </label>
      </div>
      <FormStatus state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Inviting…' : 'Invite'}
        </button>
      </div>
    </form>
  );
}

export function MemberRoleForm({ action, role, mode, name }: { action: Action; role: Role; mode: AttendanceMode; name: string }) {
  const [state, formAction, pending] = useActionState(action, idle);
  return (
    <form action={formAction} className="row">
      <RoleSelect value={role} label={`Role of ${name}`} />
      <ModeSelect value={mode} label={`Attendance of ${name}`} />
      <button type="submit" className="secondary" disabled={pending}>
        Save
      </button>
      {state.status !== 'idle' && (
        <span role={state.status === 'error' ? 'alert' : 'status'} className={state.status === 'error' ? 'field-error' : 'muted'}>
          {state.message}
        </span>
      )}
    </form>
  );
}

export function ImportForm({ action }: { action: Action<ImportReport> }) {
  const [state, formAction, pending] = useActionState(action, idle as FormState<ImportReport>);
  const report = state.status === 'ok' ? state.data : undefined;
  return (
    <form action={formAction} className="stack" aria-label="Import participants from CSV">
      <label>
        CSV file
        <span className="hint">Columns: name, email, country, organisation, attendance mode (in_person or remote), role.</span>
        <input name="file" type="file" accept=".csv,text/csv" required />
      </label>
      <FormStatus state={state} />
      {pending && <p role="status">Importing…</p>}
      {report && report.rejected.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Rejected rows">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">E-mail</th>
                <th scope="col">Why it was rejected</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{r.email || '—'}</td>
                  <td>{r.reasons.join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div>
        <button type="submit" disabled={pending}>
          {pending ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
