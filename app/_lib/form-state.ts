/** What a form's server action answers; shared by the action (server) and the form (browser). */
export type FormState<T = undefined> =
  | { status: 'idle' }
  | { status: 'ok'; message: string; data?: T }
  | { status: 'error'; message: string; fieldErrors?: Record<string, string> };

export const idle = { status: 'idle' } as const;
