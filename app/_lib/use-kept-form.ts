'use client';
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from 'react';
import type { FormState } from './form-state';

/**
 * useActionState for forms that must keep what the person typed when the
 * server refuses it. React resets a `<form action>` after every submission,
 * so a refused form came back empty; submitting from onSubmit inside a
 * transition does not reset, and only an accepted form is cleared (as before).
 */
export function useKeptForm<T>(action: (prev: FormState<T>, form: FormData) => Promise<FormState<T>>, initial: FormState<T>) {
  const [state, formAction, pending] = useActionState<FormState<T>, FormData>(action, initial);
  const ref = useRef<HTMLFormElement>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  useEffect(() => {
    if (state.status === 'ok') ref.current?.reset();
  }, [state]);
  // `action` is for forms that must also work without JavaScript: put it on the form next to formProps. React
  // runs it only when onSubmit did not prevent the submission, i.e. never once the page's script is running.
  return { state, pending, formProps: { ref, onSubmit }, action: formAction };
}
