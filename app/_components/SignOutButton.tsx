import { signOutAction } from '../_lib/auth-actions';

/** A form, not a script: signing out ends the session on the server, with or without JavaScript. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <form action={signOutAction} style={{ display: 'inline' }}>
      <button type="submit" className="secondary">
        {label}
      </button>
    </form>
  );
}
