'use client';
import { useTranslations } from 'next-intl';
import { ATTENDANCE_MODES, ROLES } from '@/lib/domain/roles';
import { idle, type FormState } from '../../../_lib/form-state';
import { useKeptForm } from '../../../_lib/use-kept-form';
import { CopyButton } from '../../../_attend/CopyButton';
import { InvitationLanguageSelect } from '../../../_components/InvitationLanguageSelect';
import { formatByteSize } from '@/lib/i18n/format';
import type { ListReportState } from './actions';
import { DataTable } from '../../../_components/DataTable';

type ReportAction = (prev: ListReportState, form: FormData) => Promise<ListReportState>;

/** Messages from the actions are keys of this namespace, or a domain error's own text. */
function Status({ state }: { state: FormState<unknown> }) {
  const t = useTranslations('registration');
  if (state.status === 'idle') return null;
  const message = t.has(`status.${state.message}`) ? t(`status.${state.message}`) : state.message;
  return (
    <p role={state.status === 'error' ? 'alert' : 'status'} className={`alert ${state.status === 'error' ? 'error' : 'ok'}`}>
      {message}
      {state.status === 'error' &&
        state.fieldErrors &&
        Object.values(state.fieldErrors).map((e) => (
          <span key={e} className="attend-block">
            {e}
          </span>
        ))}
    </p>
  );
}

function Report({ state }: { state: ListReportState }) {
  const t = useTranslations('registration');
  if (state.status !== 'ok' || !state.data) return null;
  const r = state.data;
  return (
    <div className="stack" data-testid="registration-report">
      <p role="status" className="alert ok">
        {t('report.summary', { added: r.added, updated: r.updated, rejected: r.rejected.length })}
      </p>
      {r.rejected.length > 0 && (
        <DataTable label={t('report.rejectedRows')} columns={[t('report.row'), t('report.email'), t('report.why')]}>
          {r.rejected.map((row) => (
            <tr key={row.row}>
              <td>{row.row}</td>
              <td>{row.email || '—'}</td>
              <td>{row.reasons.join(' ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {r.invitations.length > 0 && (
        <DataTable label={t('report.links')} columns={[t('report.person'), t('report.link')]}>
          {r.invitations.map((i) => (
            <tr key={i.userId}>
              <td>
                {i.name}
                <div className="muted">{i.email}</div>
              </td>
              <td>
                {i.delivery === 'sent' && <span className="badge">{t('delivery.sent')}</span>}
                {i.delivery === 'failed' && <span className="badge attend-bad">{t('delivery.failed')}</span>}
                <div className="row">
                  <input readOnly value={i.url} aria-label={t('report.linkFor', { name: i.name })} className="attend-link" />
                  <CopyButton text={i.url} label={t('copyLinkFor', { name: i.name })} />
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

export function InviteListForm({ action }: { action: ReportAction }) {
  const t = useTranslations('registration');
  const { state, pending, formProps } = useKeptForm(action, idle as ListReportState);
  return (
    <form {...formProps} className="stack" aria-label={t('list.form')}>
      <label>
        {t('list.emails')}
        <span className="hint">{t('list.emailsHint')}</span>
        <textarea name="emails" required rows={6} />
      </label>
      <div className="grid-2">
        <label>
          {t('fields.role')}
          <select name="role" defaultValue="participant">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fields.mode')}
          <select name="attendanceMode" defaultValue="remote">
            {ATTENDANCE_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`modes.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fields.country')} <span className="hint">{t('fields.countryHint')}</span>
          <input name="country" maxLength={60} />
        </label>
        <label>
          {t('fields.organisation')}
          <input name="organisation" maxLength={200} />
        </label>
        <InvitationLanguageSelect />
      </div>
      <Status state={state.status === 'ok' ? idle : state} />
      <Report state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('list.sending') : t('list.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * `maxBytes` is the server's upload limit (UPLOAD_BODY_LIMIT): a bigger file is refused here,
 * in words, before it is sent; the server would answer it with a bare 413.
 */
export function CsvImportForm({ action, maxBytes }: { action: ReportAction; maxBytes: number }) {
  const t = useTranslations('registration');
  const tErrors = useTranslations('errors');
  const { state, pending, formProps } = useKeptForm(action, idle as ListReportState);
  const checkSize = (input: HTMLInputElement) => {
    // The form's other fields and the multipart framing travel with the file.
    const tooLarge = (input.files?.[0]?.size ?? 0) > maxBytes - 16 * 1024;
    input.setCustomValidity(tooLarge ? tErrors('general.bodyTooLarge', { limit: formatByteSize(maxBytes) }) : '');
    input.reportValidity();
  };
  return (
    <form {...formProps} className="stack" aria-label={t('csv.form')}>
      <label>
        {t('csv.file')}
        <span className="hint">{t('csv.hint')}</span>
        <input name="file" type="file" accept=".csv,text/csv" required onChange={(e) => checkSize(e.currentTarget)} />
      </label>
      <Status state={state.status === 'ok' ? idle : state} />
      {pending && <p role="status">{t('csv.importing')}</p>}
      <Report state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t('csv.importing') : t('csv.submit')}
        </button>
      </div>
    </form>
  );
}

export function LinkForm({
  action,
  initial,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  initial: { capacity: number; closesAt: string; open: 'open' | 'paused' };
}) {
  const t = useTranslations('registration');
  const { state, pending, formProps } = useKeptForm(action, idle as FormState);
  return (
    <form {...formProps} className="stack" aria-label={t('link.form')}>
      <div className="grid-2">
        <label>
          {t('link.capacity')}
          <input name="capacity" type="number" min={1} max={100000} required defaultValue={initial.capacity} />
        </label>
        <label>
          {t('link.closesAt')}
          <input name="closesAt" type="datetime-local" required defaultValue={initial.closesAt} />
        </label>
        <label>
          {t('link.state')}
          <select name="open" defaultValue={initial.open}>
            <option value="open">{t('link.open')}</option>
            <option value="paused">{t('link.paused')}</option>
          </select>
        </label>
      </div>
      <Status state={state} />
      <div>
        <button type="submit" disabled={pending}>
          {t('link.save')}
        </button>
      </div>
    </form>
  );
}
