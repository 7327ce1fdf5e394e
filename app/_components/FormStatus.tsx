import type { FormState } from '../_lib/form-state';

export function FormStatus({ state }: { state: FormState<unknown> }) {
  if (state.status === 'idle') return null;
  return (
    <p role={state.status === 'error' ? 'alert' : 'status'} className={`alert ${state.status === 'error' ? 'error' : 'ok'}`}>
      {state.message}
    </p>
  );
}

export function FieldError({ state, name }: { state: FormState<unknown>; name: string }) {
  if (state.status !== 'error' || !state.fieldErrors?.[name]) return null;
  return <span className="field-error">{state.fieldErrors[name]}</span>;
}
