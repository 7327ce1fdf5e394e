'use client';
import { useSyncExternalStore } from 'react';
import { onOutdated, outdatedMessage } from '../_lib/outdated-client';

/**
 * Shown when the server was updated under an open tab (its realtime contract changed): the page's
 * code can no longer talk to it, so the one useful action is a reload. The server's message is
 * already in the visitor's language; the whole notice is the reload button.
 */
export function OutdatedClientNotice() {
  const message = useSyncExternalStore(onOutdated, outdatedMessage, () => null);
  if (!message) return null;
  return (
    <div className="outdated-client" role="alert">
      <button type="button" onClick={() => location.reload()}>
        {message}
      </button>
    </div>
  );
}
